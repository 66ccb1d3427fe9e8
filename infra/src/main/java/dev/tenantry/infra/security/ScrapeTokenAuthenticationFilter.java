package dev.tenantry.infra.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Lets a metrics scraper in with {@code Authorization: Bearer <tenantry.metrics.scrape-token>}: Prometheus cannot
 * sign in and renew a 15-minute access token. The token opens the metrics endpoint and nothing else; any other
 * bearer is left to {@link JwtAuthenticationFilter}, so a wrong token answers 401 like a bad access token.
 */
class ScrapeTokenAuthenticationFilter extends OncePerRequestFilter {

    static final String METRICS_SCRAPER = "METRICS_SCRAPER";
    /** Like the other secrets of the configuration (the JWT secret, the mail token key). */
    static final int MIN_TOKEN_LENGTH = 32;
    private static final String BEARER = "Bearer ";

    private final RequestMatcher metricsEndpoint;
    private final byte[] expected;

    ScrapeTokenAuthenticationFilter(RequestMatcher metricsEndpoint, String scrapeToken) {
        if (scrapeToken.strip().length() < MIN_TOKEN_LENGTH) {
            throw new IllegalStateException("tenantry.metrics.scrape-token must be at least " + MIN_TOKEN_LENGTH
                    + " characters");
        }
        this.metricsEndpoint = metricsEndpoint;
        this.expected = sha256(scrapeToken.strip());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !metricsEndpoint.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        // Digests of equal length, compared in constant time: neither the token's content nor its length leaks
        // through the response time.
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && MessageDigest.isEqual(expected, sha256(header.substring(BEARER.length()).strip()))) {
            SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(
                    "metrics-scraper", null, List.of(new SimpleGrantedAuthority(METRICS_SCRAPER))));
        }
        chain.doFilter(request, response);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
