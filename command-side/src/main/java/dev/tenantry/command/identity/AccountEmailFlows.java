package dev.tenantry.infra.identity;

import dev.tenantry.infra.security.SecretTokens;
import dev.tenantry.api.DomainException;
import dev.tenantry.infra.config.TenantryProperties;
import dev.tenantry.infra.mail.MailOutbox;
import dev.tenantry.infra.mail.OutboxMail;
import dev.tenantry.infra.web.ApiException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * What goes through the account's mailbox: email verification and password reset. Each mails a one-time token
 * (32 secure random bytes; only its SHA-256 is stored) that works once and expires. The links point at
 * {@code tenantry.public-url}, at pages of the front end that post the token back to this API.
 */
@Service
class AccountEmailFlows {

    static final String VERIFY_EMAIL_LINK = "/verify-email?token=" + OutboxMail.TOKEN;
    static final String RESET_PASSWORD_LINK = "/reset-password?token=" + OutboxMail.TOKEN;
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final UserAccountRepository users;
    private final AccountTokenRepository tokens;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final MailOutbox outbox;
    private final LoginLockouts lockouts;
    private final TenantryProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock = Clock.systemUTC();

    AccountEmailFlows(UserAccountRepository users, AccountTokenRepository tokens, RefreshTokenRepository refreshTokens,
                      PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy, MailOutbox outbox,
                      LoginLockouts lockouts, TenantryProperties properties,
                      PlatformTransactionManager transactionManager) {
        this.users = users;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.outbox = outbox;
        this.lockouts = lockouts;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Inside the registration's transaction: the mail is written with the account, and goes once both commit. */
    void sendEmailVerification(UserAccount user) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.auth().emailVerificationTtl());
        Issued issued = issue(user, AccountToken.Purpose.EMAIL_VERIFICATION, now, expiresAt);
        String text = """
                Hello %s,

                please confirm that %s is your email address by opening the link below. It works once, until %s.

                If you did not sign up for Tenantry, you can ignore this mail.

                Confirm your email address:""".formatted(OutboxMail.oneLine(user.displayName()), user.email(),
                EXPIRY.format(expiresAt));
        outbox.enqueue(new OutboxMail("account-token:" + issued.id(), user.email(),
                "Confirm your email address for Tenantry", text, VERIFY_EMAIL_LINK, issued.token()));
    }

    /** For a link that expired or got lost: a fresh one, and the earlier stops working. */
    @Transactional
    void resendEmailVerification(String userId) {
        UserAccount user = users.findById(userId)
                .orElseThrow(() -> ApiException.unauthorized("invalid-token", "The account no longer exists"));
        if (user.emailVerified()) {
            throw ApiException.conflict("email-already-verified", "The email address is already verified");
        }
        sendEmailVerification(user);
    }

    @Transactional
    void verifyEmail(String token) {
        AccountToken redeemed = redeem(token, AccountToken.Purpose.EMAIL_VERIFICATION, "verification-token");
        account(redeemed).markEmailVerified(clock.instant());
    }

    /** Silent about unknown emails: whether an account exists is nobody's business but its owner's. */
    @Transactional
    void requestPasswordReset(String email) {
        users.findByEmail(AuthService.normaliseEmail(email)).ifPresent(user -> {
            Instant now = clock.instant();
            Instant expiresAt = now.plus(properties.auth().passwordResetTtl());
            Issued issued = issue(user, AccountToken.Purpose.PASSWORD_RESET, now, expiresAt);
            String text = """
                    Hello %s,

                    someone, hopefully you, asked to reset the password of the Tenantry account %s. The link below \
                    lets you choose a new one; it works once, until %s. Setting a new password signs out every \
                    session of the account.

                    If you did not ask for this, ignore this mail: your password stays as it is.

                    Choose a new password:""".formatted(OutboxMail.oneLine(user.displayName()), user.email(),
                    EXPIRY.format(expiresAt));
            outbox.enqueue(new OutboxMail("account-token:" + issued.id(), user.email(),
                    "Reset your Tenantry password", text, RESET_PASSWORD_LINK, issued.token()));
        });
    }

    /**
     * Sets the new password and signs out every session (all refresh tokens revoked; access tokens run out on
     * their own). The link reached the account's mailbox, so the address counts as verified too. The link is
     * looked at before the new password is hashed: a wrong or used link costs no bcrypt.
     */
    void resetPassword(String token, String newPassword) {
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
        Instant expiresAt = now.plus(properties.auth().passwordResetTtl());
        Issued issued = issue(user, AccountToken.Purpose.PASSWORD_RESET, now, expiresAt);
        String text = """
                Hello %s,

                there were several failed attempts to sign in to the Tenantry account %s, so signing in to it is \
                blocked for %s. Signing in works again after that with the right password.

                If this was not you, someone may be guessing your password: choose a new one with the link below \
                (it works once, until %s). Setting a new password signs out every session of the account.

                Choose a new password:""".formatted(OutboxMail.oneLine(user.displayName()), user.email(),
                describe(lockedFor), EXPIRY.format(expiresAt));
        outbox.enqueue(new OutboxMail("account-token:" + issued.id(), user.email(),
                "Sign-in to your Tenantry account was blocked", text, RESET_PASSWORD_LINK, issued.token()));
    }

    private static String describe(Duration duration) {
        long seconds = Math.max(1, duration.toSeconds());
        return seconds % 60 == 0 ? (seconds / 60) + " minute" + (seconds == 60 ? "" : "s") : seconds + " seconds";
    }

    private record Issued(String id, String token) {
    }

    /** Only the newest link of a purpose works: asking again makes the earlier mails useless. */
    private Issued issue(UserAccount user, AccountToken.Purpose purpose, Instant now, Instant expiresAt) {
        tokens.useUpAll(user.id(), purpose, now);
        String token = SecretTokens.newToken();
        String id = UUID.randomUUID().toString();
        tokens.save(new AccountToken(id, user.id(), purpose, SecretTokens.hash(token), now, expiresAt));
        return new Issued(id, token);
    }

    private AccountToken redeem(String token, AccountToken.Purpose purpose, String code) {
        Instant now = clock.instant();
        AccountToken found = redeemable(token, purpose, code, now);
        found.markUsed(now);
        return found;
    }

    /** The token's row, locked, if the token still works; else the problem that says why not. */
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
