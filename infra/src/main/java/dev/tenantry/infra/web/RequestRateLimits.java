package dev.tenantry.infra.web;

import dev.tenantry.infra.security.AuthenticatedUser;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Map;
import java.util.function.Function;

/**
 * The limits a request passes before its controller runs, so that a refused one costs no password hashing and
 * changes nothing: the anonymous endpoints per client address, organization creation and checkout per user, and
 * every authenticated request per user. (The limits per organization are taken once membership is known: see
 * {@link TenantAccess} and the invitation endpoints.)
 */
@Configuration
class RequestRateLimits implements WebMvcConfigurer {

    private enum Per { ADDRESS, USER }

    /** One limit of one endpoint, named as in the problem's detail and keyed in the counters. */
    private record Rule(String limit, Per per, Function<RateLimitProperties, Quota> quota) {
    }

    /** By method and the controller's path pattern. */
    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("POST /api/auth/register", new Rule("register", Per.ADDRESS, RateLimitProperties::register)),
            Map.entry("POST /api/auth/login", new Rule("login", Per.ADDRESS, RateLimitProperties::login)),
            Map.entry("POST /api/auth/refresh", new Rule("refresh", Per.ADDRESS, RateLimitProperties::refresh)),
            Map.entry("POST /api/auth/password-reset",
                    new Rule("password-reset", Per.ADDRESS, RateLimitProperties::passwordReset)),
            Map.entry("POST /api/auth/password-reset/confirm",
                    new Rule("password-reset-confirm", Per.ADDRESS, RateLimitProperties::passwordResetConfirm)),
            Map.entry("POST /api/auth/verify-email",
                    new Rule("verify-email", Per.ADDRESS, RateLimitProperties::verifyEmail)),
            Map.entry("GET /api/invitations/{token}",
                    new Rule("invitation-links", Per.ADDRESS, RateLimitProperties::invitationLinks)),
            Map.entry("POST /api/invitations/{token}/decline",
                    new Rule("invitation-links", Per.ADDRESS, RateLimitProperties::invitationLinks)),
            Map.entry("GET /api/orgs/{orgId}/stream", new Rule("streams", Per.ADDRESS, RateLimitProperties::streams)),
            Map.entry("POST /api/orgs",
                    new Rule("organization-creation", Per.USER, RateLimitProperties::organizationCreation)),
            Map.entry("POST /api/orgs/{orgId}/billing/checkout",
                    new Rule("checkout", Per.USER, RateLimitProperties::checkout)));

    private final RateLimits limits;
    private final ClientAddress clientAddress;

    RequestRateLimits(RateLimits limits, ClientAddress clientAddress) {
        this.limits = limits;
        this.clientAddress = clientAddress;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                // A streamed answer finishes in a second dispatch of the same request: it was counted once.
                if (request.getDispatcherType() == DispatcherType.REQUEST && limits.properties().enabled()) {
                    take(request);
                }
                return true;
            }
        }).addPathPatterns("/api/**");
    }

    private void take(HttpServletRequest request) {
        AuthenticatedUser user = currentUser();
        Rule rule = RULES.get(request.getMethod() + " "
                + request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
        if (rule != null && (rule.per() == Per.ADDRESS || user != null)) {
            String subject = rule.per() == Per.ADDRESS ? clientAddress.of(request) : user.id();
            limits.take(rule.limit(), subject, rule.quota().apply(limits.properties()));
        }
        if (user != null) {
            limits.take("api", user.id(), limits.properties().api());
        }
    }

    private static AuthenticatedUser currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser user ? user : null;
    }
}
