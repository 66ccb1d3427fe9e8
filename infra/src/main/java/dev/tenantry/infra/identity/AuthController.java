package dev.tenantry.infra.identity;

import dev.tenantry.infra.apidocs.ProblemResponse;
import dev.tenantry.infra.axon.ProjectionCatchUp;
import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "Authentication")
class AuthController {

    private final AuthService auth;
    private final AccountEmailFlows emailFlows;
    private final ProjectionCatchUp catchUp;

    AuthController(AuthService auth, AccountEmailFlows emailFlows, ProjectionCatchUp catchUp) {
        this.auth = auth;
        this.emailFlows = emailFlows;
        this.catchUp = catchUp;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an account and sign in; a mail with a link to verify the email address follows")
    AuthTokens register(@Valid @RequestBody AuthRequests.Register request) {
        // Member lists show the new user's name as soon as they join an organization.
        return catchUp.afterwards(() -> auth.register(request));
    }

    @PostMapping("/login")
    @Operation(summary = "Exchange email and password for an access and a refresh token")
    @ProblemResponse(status = 401, codes = "invalid-credentials")
    AuthTokens login(@Valid @RequestBody AuthRequests.Login request) {
        return auth.login(request);
    }

    @PostMapping("/refresh")
    @Operation(summary = "Exchange a refresh token for new tokens; the refresh token is used up")
    @ProblemResponse(status = 401,
            codes = {"invalid-refresh-token", "refresh-token-reused", "refresh-token-expired", "session-expired"})
    AuthTokens refresh(@Valid @RequestBody AuthRequests.Refresh request) {
        return auth.refresh(request);
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke the refresh token and every token rotated from the same login")
    void logout(@CurrentUser AuthenticatedUser user, @Valid @RequestBody AuthRequests.Refresh request) {
        auth.logout(user.id(), request);
    }

    @PostMapping("/logout-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Sign out everywhere: every sign-in of the account ends, its access tokens within a second")
    void logoutAll(@CurrentUser AuthenticatedUser user) {
        auth.logoutEverywhere(user.id());
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
