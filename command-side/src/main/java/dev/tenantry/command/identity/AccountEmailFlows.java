package dev.tenantry.command.identity;

import dev.tenantry.api.DomainException;
import dev.tenantry.command.SecretTokens;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What goes through the account's mailbox: email verification and password reset. Each mails a one-time token
 * (32 secure random bytes; only its SHA-256 is stored) that works once and expires; only the newest token of a
 * purpose works.
 */
@Service
public class AccountEmailFlows {

    private final UserAccountRepository users;
    private final AccountTokenRepository tokens;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final AccountMail mail;
    private final LoginLockouts lockouts;
    private final IdentitySettings settings;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AccountEmailFlows(UserAccountRepository users, AccountTokenRepository tokens, RefreshTokenRepository refreshTokens,
                      PasswordEncoder passwordEncoder, AccountMail mail, LoginLockouts lockouts,
                      IdentitySettings settings, PlatformTransactionManager transactionManager, Clock clock) {
        this.clock = clock;
        this.users = users;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = new PasswordPolicy(settings.minPasswordLength());
        this.mail = mail;
        this.lockouts = lockouts;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Inside the registration's transaction: the mail is written with the account, and goes once both commit. */
    void sendEmailVerification(UserAccount user) {
        Instant now = clock.instant();
        mail.emailVerification(user, issue(user, AccountToken.Purpose.EMAIL_VERIFICATION, now,
                now.plus(settings.emailVerificationTtl())));
    }

    /** For a link that expired or got lost: a fresh one, and the earlier stops working. */
    @Transactional
    public void resendEmailVerification(String userId) {
        UserAccount user = users.findById(userId).orElseThrow(Accounts::accountGone);
        if (user.emailVerified()) {
            throw DomainException.conflict("email-already-verified", "The email address is already verified");
        }
        sendEmailVerification(user);
    }

    @Transactional
    public void verifyEmail(String token) {
        AccountToken redeemed = redeem(token, AccountToken.Purpose.EMAIL_VERIFICATION, "verification-token");
        account(redeemed).markEmailVerified(clock.instant());
    }

    /** Silent about unknown emails: whether an account exists is nobody's business but its owner's. */
    @Transactional
    public void requestPasswordReset(String email) {
        users.findByEmail(Accounts.normaliseEmail(email)).ifPresent(user -> {
            Instant now = clock.instant();
            mail.passwordReset(user, issue(user, AccountToken.Purpose.PASSWORD_RESET, now,
                    now.plus(settings.passwordResetTtl())));
        });
    }

    /**
     * Sets the new password and signs out every session (all refresh tokens revoked; access tokens run out on
     * their own). The link reached the account's mailbox, so the address counts as verified too. The link is
     * looked at before the new password is hashed: a wrong or used link costs no bcrypt.
     */
    public void resetPassword(String token, String newPassword) {
        passwordPolicy.check(newPassword);
        transaction.executeWithoutResult(status -> redeemable(token, AccountToken.Purpose.PASSWORD_RESET,
                "reset-token", clock.instant()));
        // bcrypt is deliberately slow: hash outside the transaction so that no locked row waits on it.
        String passwordHash = passwordEncoder.encode(newPassword);
        String email = transaction.execute(status -> {
            Instant now = clock.instant();
            AccountToken redeemed = redeem(token, AccountToken.Purpose.PASSWORD_RESET, "reset-token");
            UserAccount user = account(redeemed);
            user.changePassword(passwordHash);
            user.markEmailVerified(now);
            tokens.useUpAll(user.id(), AccountToken.Purpose.PASSWORD_RESET, now);
            refreshTokens.revokeAllOfUser(user.id(), now);
            return user.email();
        });
        // Whoever guessed before does not know the new password, and the owner can sign in with it at once.
        lockouts.recordSuccess(email);
    }

    /**
     * Tells the account's owner that failed sign-ins locked it, with a password reset link in case someone else
     * knows or is guessing the password. The link replaces any earlier reset link.
     */
    @Transactional
    void sendLockoutNotice(UserAccount user, Duration lockedFor) {
        Instant now = clock.instant();
        mail.lockoutNotice(user, lockedFor, issue(user, AccountToken.Purpose.PASSWORD_RESET, now,
                now.plus(settings.passwordResetTtl())));
    }

    /** Only the newest link of a purpose works: asking again makes the earlier mails useless. */
    private AccountMail.MailedToken issue(UserAccount user, AccountToken.Purpose purpose, Instant now,
                                          Instant expiresAt) {
        tokens.useUpAll(user.id(), purpose, now);
        String token = SecretTokens.newToken();
        String id = UUID.randomUUID().toString();
        tokens.save(new AccountToken(id, user.id(), purpose, SecretTokens.hash(token), now, expiresAt));
        return new AccountMail.MailedToken(id, token, expiresAt);
    }

    private AccountToken redeem(String token, AccountToken.Purpose purpose, String code) {
        Instant now = clock.instant();
        AccountToken found = redeemable(token, purpose, code, now);
        found.markUsed(now);
        return found;
    }

    /** The token's row, locked, if the token still works; else the refusal that says why not. */
    private AccountToken redeemable(String token, AccountToken.Purpose purpose, String code, Instant now) {
        AccountToken found = tokens.findForUpdate(SecretTokens.hash(token), purpose)
                .filter(candidate -> !candidate.isUsed())
                .orElseThrow(() -> DomainException.invalid(code + "-invalid", "token",
                        "This link is not valid (wrong, or already used); ask for a new one"));
        if (found.isExpiredAt(now)) {
            throw DomainException.invalid(code + "-expired", "token", "This link has expired; ask for a new one");
        }
        return found;
    }

    private UserAccount account(AccountToken token) {
        return users.findById(token.userId()).orElseThrow(() -> new IllegalStateException(
                "Account token " + token.id() + " of a missing account"));
    }
}
