package dev.tenantry.infra.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code tenantry.rate-limits.*}: how much one client address, account, user or organization may ask for. Each quota
 * is written {@code requests/period} ({@link Quota}); the counters live in PostgreSQL, so they hold across nodes.
 *
 * @param enabled              false turns every limit off (a gateway in front limits already; load tests)
 * @param register             registrations per client address
 * @param login                sign-in attempts per client address (failed ones also count per account, see
 *                             {@code failedLogins})
 * @param refresh              token refreshes per client address
 * @param passwordReset        password reset mails asked for per client address
 * @param passwordResetConfirm new passwords set with a reset link, per client address
 * @param verifyEmail          email verifications per client address
 * @param invitationLinks      looks at and declines of invitation links, per client address
 * @param streams              live streams opened per client address
 * @param api                  authenticated API requests per user
 * @param organizationApi      API requests per organization (its members' together), unless its plan's
 *                             {@code api-rate-limit} allows more
 * @param invitations          invitations sent and resent per organization
 * @param organizationCreation organizations created per user
 * @param checkout             checkouts started per user
 */
@ConfigurationProperties("tenantry.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("20/1h") Quota register,
                                  @DefaultValue("30/1m") Quota login,
                                  @DefaultValue("60/1m") Quota refresh,
                                  @DefaultValue("10/1h") Quota passwordReset,
                                  @DefaultValue("20/1h") Quota passwordResetConfirm,
                                  @DefaultValue("20/1h") Quota verifyEmail,
                                  @DefaultValue("60/1m") Quota invitationLinks,
                                  @DefaultValue("60/1m") Quota streams,
                                  @DefaultValue("1200/1m") Quota api,
                                  @DefaultValue("1200/1m") Quota organizationApi,
                                  @DefaultValue("50/1h") Quota invitations,
                                  @DefaultValue("10/1h") Quota organizationCreation,
                                  @DefaultValue("20/1h") Quota checkout,
                                  @DefaultValue FailedLogins failedLogins) {

    /**
     * @param maxFailures failed sign-ins to one account, each within {@code window} of the one before, that lock it
     * @param window      a failure longer ago than this starts the count afresh
     * @param lockout     how long the first lock-out lasts; each further one (until a successful sign-in) doubles
     * @param maxLockout  the longest a lock-out lasts
     */
    public record FailedLogins(@DefaultValue("5") int maxFailures,
                               @DefaultValue("15m") Duration window,
                               @DefaultValue("1m") Duration lockout,
                               @DefaultValue("1h") Duration maxLockout) {
    }
}
