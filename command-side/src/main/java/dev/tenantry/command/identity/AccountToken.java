package dev.tenantry.command.identity;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A mailed one-time token of an account (email verification, password reset), by hash. */
@Entity
@Table(name = "account_token")
class AccountToken {

    enum Purpose { EMAIL_VERIFICATION, PASSWORD_RESET }

    @Id
    private String id;
    private String userId;
    @Enumerated(EnumType.STRING)
    private Purpose purpose;
    private String tokenHash;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant usedAt;

    protected AccountToken() {
    }

    AccountToken(String id, String userId, Purpose purpose, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.userId = userId;
        this.purpose = purpose;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    String id() {
        return id;
    }

    String userId() {
        return userId;
    }

    boolean isUsed() {
        return usedAt != null;
    }

    boolean isExpiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    void markUsed(Instant at) {
        usedAt = at;
    }
}
