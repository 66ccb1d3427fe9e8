package dev.tenantry.command.identity;

import dev.tenantry.api.DomainException;

import java.time.Duration;

/** Failed sign-ins locked the email: refused before the password is looked at. */
public class SignInLocked extends DomainException {

    private final Duration lockedFor;
    private final int maxFailures;

    SignInLocked(Duration lockedFor, int maxFailures) {
        super(Kind.TOO_MANY_ATTEMPTS, "rate-limited", "Too many failed sign-ins to this account; it is locked for "
                + lockedFor.toSeconds() + " s. The account's owner can also set a new password through a reset link",
                null);
        this.lockedFor = lockedFor;
        this.maxFailures = maxFailures;
    }

    /** Whole seconds, at least one. */
    public Duration lockedFor() {
        return lockedFor;
    }

    /** The failures in a row that lock an email. */
    public int maxFailures() {
        return maxFailures;
    }
}
