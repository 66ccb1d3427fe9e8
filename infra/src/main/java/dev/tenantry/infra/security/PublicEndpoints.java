package dev.tenantry.infra.security;

import org.springframework.http.HttpMethod;
import org.springframework.util.AntPathMatcher;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The API endpoints that answer without an access token. The security configuration opens them, and the OpenAPI
 * document marks them as needing none, from this one list.
 */
public final class PublicEndpoints {

    static final String STREAM = "/api/orgs/*/stream";

    static final String[] POSTS = {
            "/api/auth/register", "/api/auth/login", "/api/auth/refresh", "/api/webhooks/stripe",
            // Reached from mailed links: whoever holds the token is the account's owner for this purpose.
            "/api/auth/verify-email", "/api/auth/password-reset", "/api/auth/password-reset/confirm",
            // An invitee may decline an invitation before having an account.
            "/api/invitations/*/decline"
    };

    static final String[] GETS = {
            // An invitee may look at an invitation before having an account.
            "/api/invitations/*",
            "/api/plans",
            // A browser's EventSource cannot send a bearer header: the stream takes a ticket instead and checks that
            // one of the two is there itself.
            STREAM
    };

    private static final AntPathMatcher MATCHER = new AntPathMatcher();
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}/]+}");

    private PublicEndpoints() {
    }

    /** @param path a path as the OpenAPI document writes it, {@code {name}} for each path variable */
    public static boolean isPublic(HttpMethod method, String path) {
        String[] patterns = HttpMethod.POST.equals(method) ? POSTS : HttpMethod.GET.equals(method) ? GETS : new String[0];
        return Arrays.stream(patterns).anyMatch(pattern -> MATCHER.match(pattern, concrete(path)));
    }

    /** The live stream, which takes an access token or a stream ticket and checks for one of them itself. */
    public static boolean isStream(HttpMethod method, String path) {
        return HttpMethod.GET.equals(method) && MATCHER.match(STREAM, concrete(path));
    }

    private static String concrete(String path) {
        return PATH_VARIABLE.matcher(path).replaceAll("x");
    }
}
