package dev.tenantry.infra.identity;

import dev.tenantry.api.identity.UserRegisteredEvent;
import dev.tenantry.infra.axon.TenantryCorrelationDataProvider;
import dev.tenantry.infra.config.TenantryProperties;
import dev.tenantry.infra.security.JwtService;
import dev.tenantry.infra.security.SecretTokens;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.CorrelationIdFilter;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

@Service
class AuthService {

    private final UserAccountRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordEncoder passwordEncoder;
    private final JwtService jwtService;
    private final EventGateway eventGateway;
    private final TransactionManager transactionManager;
    private final TenantryProperties properties;
    private final PasswordPolicy passwordPolicy;
    private final AccountEmailFlows emailFlows;
    private final LoginLockouts lockouts;
    private final TransactionTemplate transaction;
    /** Axon's correlation data providers (actor, correlation id), which copy a handled message's onto its events. */
    private final List<CorrelationDataProvider> correlationDataProviders;
    private final Clock clock = Clock.systemUTC();
    /** Compared against when the email is unknown, so that a wrong email costs as long as a wrong password. */
    private final String dummyHash;

    AuthService(UserAccountRepository users, RefreshTokenRepository refreshTokens, PasswordEncoder passwordEncoder,
                JwtService jwtService, EventGateway eventGateway, TransactionManager transactionManager,
                TenantryProperties properties, PasswordPolicy passwordPolicy, AccountEmailFlows emailFlows,
                LoginLockouts lockouts, PlatformTransactionManager platformTransactionManager,
                List<CorrelationDataProvider> correlationDataProviders) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.passwordEncoder = passwordEncoder;
        this.jwtService = jwtService;
        this.eventGateway = eventGateway;
        this.transactionManager = transactionManager;
        this.properties = properties;
        this.passwordPolicy = passwordPolicy;
        this.emailFlows = emailFlows;
        this.lockouts = lockouts;
        this.transaction = new TransactionTemplate(platformTransactionManager);
        this.correlationDataProviders = List.copyOf(correlationDataProviders);
        this.dummyHash = passwordEncoder.encode("not-a-real-password-" + UUID.randomUUID());
    }

    static String normaliseEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Runs in an Axon unit of work bound to the database transaction, so that the account row, its
     * {@link UserRegisteredEvent} and its verification mail commit together, and event processors are woken only
     * once all are visible.
     */
    AuthTokens register(AuthRequests.Register request) {
        String email = normaliseEmail(request.email());
        passwordPolicy.check(request.password());
        // Cheap refusals before the deliberately slow bcrypt (the unique email is checked again in the transaction).
        if (users.existsByEmail(email)) {
            throw emailTaken();
        }
        // bcrypt is deliberately slow: hash before the transaction so that no connection waits on it.
        String passwordHash = passwordEncoder.encode(request.password());
        String userId = UUID.randomUUID().toString();
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(TenantryCorrelationDataProvider.ACTOR_ID, userId);
        CorrelationIdFilter.current().ifPresent(id -> metaData.put(TenantryCorrelationDataProvider.CORRELATION_ID, id));
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(
                new GenericMessage<>("register", MetaData.from(metaData)));
        // A unit of work started by hand has no correlation data providers; without them the event's metadata is empty.
        correlationDataProviders.forEach(unitOfWork::registerCorrelationDataProvider);
        unitOfWork.attachTransaction(transactionManager);
        ResultMessage<AuthTokens> result = unitOfWork.executeWithResult(() -> {
            if (users.existsByEmail(email)) {
                throw emailTaken();
            }
            UserAccount user = new UserAccount(userId, email, passwordHash, request.displayName().strip(),
                    clock.instant());
            users.saveAndFlush(user);
            eventGateway.publish(new UserRegisteredEvent(user.id(), user.email(), user.displayName()));
            emailFlows.sendEmailVerification(user);
            return issue(user, UUID.randomUUID().toString());
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof DataIntegrityViolationException) {
                throw emailTaken(); // a concurrent sign-up with the same email committed first
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Registration failed", failure);
        }
        return result.getPayload();
    }

    /**
     * The lock-out is checked first and the password outside any transaction: a locked account costs no hashing, and
     * no connection waits while bcrypt runs.
     */
    AuthTokens login(AuthRequests.Login request) {
        String email = normaliseEmail(request.email());
        lockouts.refuseIfLocked(email);
        UserAccount user = users.findByEmail(email).orElse(null);
        String hash = user != null ? user.passwordHash() : dummyHash;
        boolean matches = passwordEncoder.matches(request.password(), hash);
        if (user == null || !matches) {
            lockouts.recordFailure(email).ifPresent(lockedFor -> {
                if (user != null) {
                    emailFlows.sendLockoutNotice(user, lockedFor);
                }
            });
            throw ApiException.unauthorized("invalid-credentials", "Email or password is wrong");
        }
        lockouts.recordSuccess(email);
        return transaction.execute(status -> issue(user, UUID.randomUUID().toString()));
    }

    /**
     * Rotates: the presented token is used up and a new one of the same family is issued. A token presented a
     * second time means it leaked (or a client misbehaves): the whole family is revoked, logging out every copy.
     */
    @Transactional(noRollbackFor = ApiException.class)
    AuthTokens refresh(AuthRequests.Refresh request) {
        Instant now = clock.instant();
        RefreshToken token = refreshTokens.findForUpdate(SecretTokens.hash(request.refreshToken()))
                .orElseThrow(AuthService::invalidRefreshToken);
        if (token.isRevoked()) {
            throw invalidRefreshToken();
        }
        if (token.isUsed()) {
            refreshTokens.revokeFamily(token.familyId(), now);
            throw ApiException.unauthorized("refresh-token-reused",
                    "This refresh token was already used; every session of this login has been signed out");
        }
        if (token.isExpiredAt(now)) {
            throw ApiException.unauthorized("refresh-token-expired", "The refresh token has expired; sign in again");
        }
        Instant sessionEnds = refreshTokens.signedInAt(token.familyId()).plus(properties.jwt().sessionMaxAge());
        if (!now.isBefore(sessionEnds)) {
            refreshTokens.revokeFamily(token.familyId(), now);
            throw ApiException.unauthorized("session-expired",
                    "This sign-in is older than " + properties.jwt().sessionMaxAge().toDays() + " days; sign in again");
        }
        token.markUsed(now);
        UserAccount user = users.findById(token.userId()).orElseThrow(AuthService::invalidRefreshToken);
        return issue(user, token.familyId(), sessionEnds);
    }

    /** Revokes the login the refresh token belongs to. Idempotent, and silent about tokens of other users. */
    @Transactional
    void logout(String userId, AuthRequests.Refresh request) {
        refreshTokens.findForUpdate(SecretTokens.hash(request.refreshToken()))
                .filter(token -> token.userId().equals(userId))
                .ifPresent(token -> refreshTokens.revokeFamily(token.familyId(), clock.instant()));
    }

    /** Ends every sign-in of the account: its refresh tokens are revoked and its access tokens refused. */
    @Transactional
    void logoutEverywhere(String userId) {
        refreshTokens.revokeAllOfUser(userId, clock.instant());
    }

    @Transactional(readOnly = true)
    UserAccount user(String userId) {
        return users.findById(userId)
                .orElseThrow(() -> ApiException.unauthorized("invalid-token", "The account no longer exists"));
    }

    private AuthTokens issue(UserAccount user, String familyId) {
        return issue(user, familyId, clock.instant().plus(properties.jwt().sessionMaxAge()));
    }

    /** A token of the family, which lives its sliding lifetime but not past the sign-in's absolute end. */
    private AuthTokens issue(UserAccount user, String familyId, Instant sessionEnds) {
        String refreshToken = SecretTokens.newToken();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.jwt().refreshTokenTtl());
        refreshTokens.save(new RefreshToken(UUID.randomUUID().toString(), user.id(), familyId,
                SecretTokens.hash(refreshToken), now, expiresAt.isBefore(sessionEnds) ? expiresAt : sessionEnds));
        return new AuthTokens(jwtService.issue(user.id(), user.email(), user.emailVerified(), familyId), refreshToken, "Bearer",
                jwtService.ttl().toSeconds(),
                new AuthTokens.UserSummary(user.id(), user.email(), user.displayName()));
    }

    private static ApiException emailTaken() {
        return ApiException.conflict("email-taken", "An account with this email already exists");
    }

    private static ApiException invalidRefreshToken() {
        return ApiException.unauthorized("invalid-refresh-token", "The refresh token is not valid");
    }
}
