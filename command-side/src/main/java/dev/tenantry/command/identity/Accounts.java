package dev.tenantry.command.identity;

import dev.tenantry.api.DomainException;
import dev.tenantry.api.identity.UserRegisteredEvent;
import dev.tenantry.command.SecretTokens;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Registration, sign-in, refresh-token rotation and sign-out. */
@Service
public class Accounts {

    private final UserAccountRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordEncoder passwordEncoder;
    private final AccessTokens accessTokens;
    private final EventGateway eventGateway;
    private final EventUnitOfWork unitOfWork;
    private final IdentitySettings settings;
    private final PasswordPolicy passwordPolicy;
    private final AccountEmailFlows emailFlows;
    private final LoginLockouts lockouts;
    private final TransactionTemplate transaction;
    private final Clock clock;
    /** Compared against when the email is unknown, so that a wrong email costs as long as a wrong password. */
    private final String dummyHash;

    Accounts(UserAccountRepository users, RefreshTokenRepository refreshTokens, PasswordEncoder passwordEncoder,
             AccessTokens accessTokens, EventGateway eventGateway, EventUnitOfWork unitOfWork,
             IdentitySettings settings, AccountEmailFlows emailFlows, LoginLockouts lockouts,
             PlatformTransactionManager transactionManager, Clock clock) {
        this.clock = clock;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.passwordEncoder = passwordEncoder;
        this.accessTokens = accessTokens;
        this.eventGateway = eventGateway;
        this.unitOfWork = unitOfWork;
        this.settings = settings;
        this.passwordPolicy = new PasswordPolicy(settings.minPasswordLength());
        this.emailFlows = emailFlows;
        this.lockouts = lockouts;
        this.transaction = new TransactionTemplate(transactionManager);
        this.dummyHash = passwordEncoder.encode("not-a-real-password-" + UUID.randomUUID());
    }

    public static String normaliseEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The account row, its {@link UserRegisteredEvent} and its verification mail commit together, and event
     * processors are woken only once all are visible.
     */
    public SignedIn register(String email, String password, String displayName) {
        String normalised = normaliseEmail(email);
        passwordPolicy.check(password);
        // Cheap refusals before the deliberately slow bcrypt (the unique email is checked again in the transaction).
        if (users.existsByEmail(normalised)) {
            throw emailTaken();
        }
        // bcrypt is deliberately slow: hash before the transaction so that no connection waits on it.
        String passwordHash = passwordEncoder.encode(password);
        String userId = UUID.randomUUID().toString();
        try {
            return unitOfWork.run(userId, () -> {
                if (users.existsByEmail(normalised)) {
                    throw emailTaken();
                }
                UserAccount user = new UserAccount(userId, normalised, passwordHash, displayName.strip(),
                        clock.instant());
                users.saveAndFlush(user);
                eventGateway.publish(new UserRegisteredEvent(user.id(), user.email(), user.displayName()));
                emailFlows.sendEmailVerification(user);
                return issue(user, UUID.randomUUID().toString());
            });
        } catch (DataIntegrityViolationException e) {
            throw emailTaken(); // a concurrent sign-up with the same email committed first
        }
    }

    /**
     * The lock-out is checked first and the password outside any transaction: a locked account costs no hashing, and
     * no connection waits while bcrypt runs.
     *
     * @throws SignInLocked while failed sign-ins lock the email
     */
    public SignedIn login(String email, String password) {
        String normalised = normaliseEmail(email);
        lockouts.refuseIfLocked(normalised);
        UserAccount user = users.findByEmail(normalised).orElse(null);
        String hash = user != null ? user.passwordHash() : dummyHash;
        boolean matches = passwordEncoder.matches(password, hash);
        if (user == null || !matches) {
            lockouts.recordFailure(normalised).ifPresent(lockedFor -> {
                if (user != null) {
                    emailFlows.sendLockoutNotice(user, lockedFor);
                }
            });
            throw DomainException.unauthenticated("invalid-credentials", "Email or password is wrong");
        }
        lockouts.recordSuccess(normalised);
        return transaction.execute(status -> issue(user, UUID.randomUUID().toString()));
    }

    /**
     * Rotates: the presented token is used up and a new one of the same family is issued. A token presented a
     * second time means it leaked (or a client misbehaves): the whole family is revoked, logging out every copy.
     */
    @Transactional(noRollbackFor = DomainException.class)
    public SignedIn refresh(String refreshToken) {
        Instant now = clock.instant();
        RefreshToken token = refreshTokens.findForUpdate(SecretTokens.hash(refreshToken))
                .orElseThrow(Accounts::invalidRefreshToken);
        if (token.isRevoked()) {
            throw invalidRefreshToken();
        }
        if (token.isUsed()) {
            refreshTokens.revokeFamily(token.familyId(), now);
            throw DomainException.unauthenticated("refresh-token-reused",
                    "This refresh token was already used; every session of this login has been signed out");
        }
        if (token.isExpiredAt(now)) {
            throw DomainException.unauthenticated("refresh-token-expired",
                    "The refresh token has expired; sign in again");
        }
        Instant sessionEnds = refreshTokens.signedInAt(token.familyId()).plus(settings.sessionMaxAge());
        if (!now.isBefore(sessionEnds)) {
            refreshTokens.revokeFamily(token.familyId(), now);
            throw DomainException.unauthenticated("session-expired",
                    "This sign-in is older than " + settings.sessionMaxAge().toDays() + " days; sign in again");
        }
        token.markUsed(now);
        UserAccount user = users.findById(token.userId()).orElseThrow(Accounts::invalidRefreshToken);
        return issue(user, token.familyId(), sessionEnds);
    }

    /** Revokes the login the refresh token belongs to. Idempotent, and silent about tokens of other users. */
    @Transactional
    public void logout(String userId, String refreshToken) {
        refreshTokens.findForUpdate(SecretTokens.hash(refreshToken))
                .filter(token -> token.userId().equals(userId))
                .ifPresent(token -> refreshTokens.revokeFamily(token.familyId(), clock.instant()));
    }

    /** Ends every sign-in of the account: its refresh tokens are revoked and its access tokens refused. */
    @Transactional
    public void logoutEverywhere(String userId) {
        refreshTokens.revokeAllOfUser(userId, clock.instant());
    }

    @Transactional(readOnly = true)
    public UserAccount user(String userId) {
        return users.findById(userId).orElseThrow(Accounts::accountGone);
    }

    static DomainException accountGone() {
        return DomainException.unauthenticated("invalid-token", "The account no longer exists");
    }

    private SignedIn issue(UserAccount user, String familyId) {
        return issue(user, familyId, clock.instant().plus(settings.sessionMaxAge()));
    }

    /** A token of the family, which lives its sliding lifetime but not past the sign-in's absolute end. */
    private SignedIn issue(UserAccount user, String familyId, Instant sessionEnds) {
        String refreshToken = SecretTokens.newToken();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.refreshTokenTtl());
        refreshTokens.save(new RefreshToken(UUID.randomUUID().toString(), user.id(), familyId,
                SecretTokens.hash(refreshToken), now, expiresAt.isBefore(sessionEnds) ? expiresAt : sessionEnds));
        return new SignedIn(accessTokens.issue(user.id(), user.email(), user.emailVerified(), familyId), refreshToken,
                accessTokens.ttl(), user.id(), user.email(), user.displayName());
    }

    private static DomainException emailTaken() {
        return DomainException.conflict("email-taken", "An account with this email already exists");
    }

    private static DomainException invalidRefreshToken() {
        return DomainException.unauthenticated("invalid-refresh-token", "The refresh token is not valid");
    }
}
