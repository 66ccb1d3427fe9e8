package dev.tenantry.command.identity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One issued refresh token, by hash. Used once: refreshing marks it used and issues its successor. */
@Entity
@Table(name = "refresh_token")
class RefreshToken {

    @Id
    private String id;
    private String userId;
    private String familyId;
    private String tokenHash;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant usedAt;
    private Instant revokedAt;

    protected RefreshToken() {
    }

    RefreshToken(String id, String userId, String familyId, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.userId = userId;
        this.familyId = familyId;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    String userId() {
        return userId;
    }

    String familyId() {
        return familyId;
    }

    boolean isUsed() {
        return usedAt != null;
    }

    boolean isRevoked() {
        return revokedAt != null;
    }

    boolean isExpiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    void markUsed(Instant at) {
        usedAt = at;
    }
}
