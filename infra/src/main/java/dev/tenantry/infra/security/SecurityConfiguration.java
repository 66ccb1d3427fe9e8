package dev.tenantry.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantry.infra.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;

import java.io.IOException;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * @param scrapeToken {@code tenantry.metrics.scrape-token}: besides platform admins, whoever sends it as a bearer
     *                    token may read the metrics; unset, only platform admins may
     */
    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JwtService jwtService, SessionCheck sessions,
                                            ObjectMapper objectMapper,
                                            @Value("${tenantry.metrics.scrape-token:}") String scrapeToken)
            throws Exception {
        RequestMatcher metrics = EndpointRequest.to(PrometheusScrapeEndpoint.class);
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        // A streamed answer (the audit export) finishes in an async dispatch that carries no token;
                        // the request was authorised when it started.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        // Public API paths; everything else under /api needs a valid access token.
                        .requestMatchers(HttpMethod.POST, PublicEndpoints.POSTS).permitAll()
                        .requestMatchers(HttpMethod.GET, PublicEndpoints.GETS).permitAll()
                        .requestMatchers("/api/admin/**").hasAuthority(JwtAuthenticationFilter.PLATFORM_ADMIN)
                        // Meters name processors, pools and Stripe event types, and show the platform's traffic.
                        .requestMatchers(metrics).hasAnyAuthority(JwtAuthenticationFilter.PLATFORM_ADMIN,
                                ScrapeTokenAuthenticationFilter.METRICS_SCRAPER)
                        .requestMatchers("/api/**").authenticated()
                        // Actuator health/info, the OpenAPI document, Swagger UI and the error page.
                        .anyRequest().permitAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            boolean invalid = request.getAttribute(JwtAuthenticationFilter.INVALID_TOKEN_ATTRIBUTE) != null;
                            boolean ended = request.getAttribute(JwtAuthenticationFilter.SESSION_ENDED_ATTRIBUTE) != null;
                            write(response, objectMapper, ended
                                    ? Problems.problem(HttpStatus.UNAUTHORIZED, "session-ended", "Unauthorized",
                                    "This sign-in has ended (signed out, or the password was reset); sign in again")
                                    : invalid
                                    ? Problems.problem(HttpStatus.UNAUTHORIZED, "invalid-token", "Unauthorized",
                                    "The access token is invalid or expired")
                                    : Problems.problem(HttpStatus.UNAUTHORIZED, "authentication-required",
                                    "Unauthorized", "Sign in: send an access token as 'Authorization: Bearer <token>'"));
                        })
                        .accessDeniedHandler((request, response, e) -> write(response, objectMapper,
                                Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                                        "You are not allowed to do this"))))
                .addFilterBefore(new JwtAuthenticationFilter(jwtService, sessions),
                        UsernamePasswordAuthenticationFilter.class);
        if (StringUtils.hasText(scrapeToken)) {
            http.addFilterBefore(new ScrapeTokenAuthenticationFilter(metrics, scrapeToken),
                    JwtAuthenticationFilter.class);
        }
        return http.build();
    }

    /** Spring Security's firewall rejects paths like {@code /api/orgs//members} before any controller runs. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper objectMapper) {
        return (request, response, e) -> write(response, objectMapper, Problems.problem(HttpStatus.BAD_REQUEST,
                "malformed-request", "Bad request", "The request URL is malformed"));
    }

    @Bean
    PasswordEncoder passwordEncoder(MeterRegistry registry) {
        return new TimedPasswordEncoder(new BCryptPasswordEncoder(), registry);
    }

    private static void write(HttpServletResponse response, ObjectMapper objectMapper, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
