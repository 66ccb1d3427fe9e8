package dev.tenantry.infra.identity;

import dev.tenantry.command.identity.AccountEmailFlows;
import dev.tenantry.command.identity.Accounts;
import dev.tenantry.command.identity.SignInLocked;
import dev.tenantry.infra.apidocs.ProblemResponse;
import dev.tenantry.infra.axon.ProjectionCatchUp;
import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.RateLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "Authentication")
class AuthController {

    private final Accounts accounts;
    private final AccountEmailFlows emailFlows;
    private final ProjectionCatchUp catchUp;
    private final RateLimits limits;

    AuthController(Accounts accounts, AccountEmailFlows emailFlows, ProjectionCatchUp catchUp, RateLimits limits) {
        this.accounts = accounts;
        this.emailFlows = emailFlows;
        this.catchUp = catchUp;
        this.limits = limits;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an account and sign in; a mail with a link to verify the email address follows")
    AuthTokens register(@Valid @RequestBody AuthRequests.Register request) {
        // Member lists show the new user's name as soon as they join an organization.
        return AuthTokens.of(catchUp.afterwards(
                () -> accounts.register(request.email(), request.password(), request.displayName())));
    }

    @PostMapping("/login")
    @Operation(summary = "Exchange email and password for an access and a refresh token")
    @ProblemResponse(status = 401, codes = "invalid-credentials")
    AuthTokens login(@Valid @RequestBody AuthRequests.Login request) {
        try {
            return AuthTokens.of(accounts.login(request.email(), request.password()));
        } catch (SignInLocked locked) {
            throw rateLimited(locked);
        }
    }

    /** The lock-out answers like the other rate limits: 429 with Retry-After and RateLimit-* headers. */
    private ApiException rateLimited(SignInLocked locked) {
        limits.countRefusal("failed-logins");
        String seconds = String.valueOf(locked.lockedFor().toSeconds());
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, RateLimits.CODE, "Too many requests",
                locked.getMessage(), Map.of(HttpHeaders.RETRY_AFTER, seconds,
                RateLimits.LIMIT, String.valueOf(locked.maxFailures()), RateLimits.REMAINING, "0",
                RateLimits.RESET, seconds));
    }

    @PostMapping("/refresh")
    @Operation(summary = "Exchange a refresh token for new tokens; the refresh token is used up")
    @ProblemResponse(status = 401,
            codes = {"invalid-refresh-token", "refresh-token-reused", "refresh-token-expired", "session-expired"})
    AuthTokens refresh(@Valid @RequestBody AuthRequests.Refresh request) {
        return AuthTokens.of(accounts.refresh(request.refreshToken()));
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke the refresh token and every token rotated from the same login")
    void logout(@CurrentUser AuthenticatedUser user, @Valid @RequestBody AuthRequests.Refresh request) {
        accounts.logout(user.id(), request.refreshToken());
    }

    @PostMapping("/logout-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Sign out everywhere: every sign-in of the account ends, its access tokens within a second")
    void logoutAll(@CurrentUser AuthenticatedUser user) {
        accounts.logoutEverywhere(user.id());
    }

    @PostMapping("/verify-email")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Verify the account's email with the token from the verification mail (works once)")
    void verifyEmail(@Valid @RequestBody AuthRequests.VerifyEmail request) {
        emailFlows.verifyEmail(request.token());
    }

    @PostMapping("/verify-email/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Mail a fresh verification link to the signed-in user; the previous link stops working")
    void resendVerification(@CurrentUser AuthenticatedUser user) {
        emailFlows.resendEmailVerification(user.id());
    }

    @PostMapping("/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Mail a password reset link; always 202, whether an account has this email or not")
    void requestPasswordReset(@Valid @RequestBody AuthRequests.PasswordReset request) {
        emailFlows.requestPasswordReset(request.email());
    }

    @PostMapping("/password-reset/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Set a new password with the token from the reset mail (works once); signs out every session")
    void confirmPasswordReset(@Valid @RequestBody AuthRequests.PasswordResetConfirm request) {
        emailFlows.resetPassword(request.token(), request.password());
    }
}
