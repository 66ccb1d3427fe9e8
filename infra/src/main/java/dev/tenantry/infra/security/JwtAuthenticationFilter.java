package dev.tenantry.infra.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Authenticates a request carrying {@code Authorization: Bearer <jwt>}. A bad token does not fail the request
 * here: it stays anonymous, so public endpoints still work and protected ones answer 401 with the reason.
 */
class JwtAuthenticationFilter extends OncePerRequestFilter {

    static final String INVALID_TOKEN_ATTRIBUTE = JwtAuthenticationFilter.class.getName() + ".invalid";
    static final String SESSION_ENDED_ATTRIBUTE = JwtAuthenticationFilter.class.getName() + ".session-ended";
    static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";
    private static final String BEARER = "Bearer ";

    private final JwtService jwtService;
    private final SessionCheck sessions;

    JwtAuthenticationFilter(JwtService jwtService, SessionCheck sessions) {
        this.jwtService = jwtService;
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            jwtService.verify(header.substring(BEARER.length()).strip()).ifPresentOrElse(user -> {
                if (user.sessionId() != null && !sessions.isActive(user.sessionId())) {
                    request.setAttribute(SESSION_ENDED_ATTRIBUTE, Boolean.TRUE);
                    return;
                }
                List<GrantedAuthority> authorities = new ArrayList<>();
                authorities.add(new SimpleGrantedAuthority("USER"));
                if (user.platformAdmin()) {
                    authorities.add(new SimpleGrantedAuthority(PLATFORM_ADMIN));
                }
                var authentication = new UsernamePasswordAuthenticationToken(user, null, authorities);
                SecurityContextHolder.getContext().setAuthentication(authentication);
            }, () -> request.setAttribute(INVALID_TOKEN_ATTRIBUTE, Boolean.TRUE));
        }
        chain.doFilter(request, response);
    }
}
