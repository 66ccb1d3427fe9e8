package dev.tenantry.infra.identity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "user_account")
class UserAccount {

    @Id
    private String id;
    private String email;
    private String passwordHash;
    private String displayName;
    private Instant createdAt;
    private Instant emailVerifiedAt;

    protected UserAccount() {
    }

    UserAccount(String id, String email, String passwordHash, String displayName, Instant createdAt) {
        this.id = id;
        this.email = email;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.createdAt = createdAt;
    }

    String id() {
        return id;
    }

    String email() {
        return email;
    }

    String passwordHash() {
        return passwordHash;
    }

    String displayName() {
        return displayName;
    }

    boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    void markEmailVerified(Instant at) {
        if (emailVerifiedAt == null) {
            emailVerifiedAt = at;
        }
    }

    void changePassword(String newPasswordHash) {
        passwordHash = newPasswordHash;
    }
}
