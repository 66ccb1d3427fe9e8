package dev.tenantry.command.identity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An account: its credentials and whether it proved it owns its email address. */
@Entity
@Table(name = "user_account")
public class UserAccount {

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

    public String id() {
        return id;
    }

    public String email() {
        return email;
    }

    String passwordHash() {
        return passwordHash;
    }

    public String displayName() {
        return displayName;
    }

    public boolean emailVerified() {
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
