package dev.tenantry.command.identity;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether an account has proved it owns its email address, read from the account itself: the access token's
 * {@code email_verified} claim is as old as the token, and a user who verified a minute ago still carries false.
 */
@Component
public class EmailVerification {

    private final UserAccountRepository users;

    EmailVerification(UserAccountRepository users) {
        this.users = users;
    }

    @Transactional(readOnly = true)
    public boolean isVerified(String userId) {
        return users.findById(userId).map(UserAccount::emailVerified).orElse(false);
    }
}
