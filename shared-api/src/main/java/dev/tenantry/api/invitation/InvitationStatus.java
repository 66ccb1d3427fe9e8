package dev.tenantry.api.invitation;

import dev.tenantry.api.DomainException;

import java.time.Instant;
import java.util.Locale;

public enum InvitationStatus {
    PENDING, ACCEPTED, DECLINED, REVOKED, EXPIRED;

    /** Past its expiry, whether or not its expiry deadline has run yet. */
    public boolean isExpired(Instant expiresAt, Instant now) {
        return this == EXPIRED || this == PENDING && !now.isBefore(expiresAt);
    }

    /**
     * Only a pending invitation may be answered, resent or revoked: anything else is a conflict naming its status
     * ({@code invitation-expired}, {@code invitation-accepted} …). The aggregate and the public link apply the same
     * rule.
     */
    public void requirePending(Instant expiresAt, Instant now) {
        if (isExpired(expiresAt, now)) {
            throw DomainException.conflict("invitation-expired", "This invitation has expired");
        }
        if (this != PENDING) {
            String status = name().toLowerCase(Locale.ROOT);
            throw DomainException.conflict("invitation-" + status, "This invitation is " + status + ", not pending");
        }
    }
}
