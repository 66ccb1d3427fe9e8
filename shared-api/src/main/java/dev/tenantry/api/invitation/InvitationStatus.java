package dev.tenantry.api.invitation;

import dev.tenantry.api.DomainException;

import java.time.Instant;
import java.util.Locale;

public enum InvitationStatus {
    PENDING, ACCEPTED, DECLINED, REVOKED, EXPIRED;

    /**
     * Only a pending invitation may be shown, answered, resent or revoked. One past its expiry is gone (410
     * {@code invitation-expired}) whether or not its expiry deadline has run yet; one that was answered or revoked
     * is a conflict naming its status ({@code invitation-accepted} …). The aggregate and the public link apply the
     * same answer.
     */
    public void requirePending(Instant expiresAt, Instant now) {
        if (this == EXPIRED || this == PENDING && !now.isBefore(expiresAt)) {
            throw new DomainException(DomainException.Kind.GONE, "invitation-expired", "This invitation has expired",
                    null);
        }
        if (this != PENDING) {
            String status = name().toLowerCase(Locale.ROOT);
            throw DomainException.conflict("invitation-" + status, "This invitation is " + status + ", not pending");
        }
    }
}
