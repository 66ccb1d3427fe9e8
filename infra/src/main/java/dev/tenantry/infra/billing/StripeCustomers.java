package dev.tenantry.infra.billing;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Which organization a Stripe customer belongs to, for the events (invoices) that do not name the organization.
 * A customer is made for one organization and stays with it: the first pair recorded wins.
 */
@Component
class StripeCustomers {

    private final JdbcTemplate jdbc;

    StripeCustomers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(String customerId, String organizationId) {
        if (customerId != null && organizationId != null) {
            jdbc.update("insert into stripe_customer (customer_id, organization_id) values (?, ?) "
                    + "on conflict (customer_id) do nothing", customerId, organizationId);
        }
    }

    Optional<String> organizationOf(String customerId) {
        if (customerId == null) {
            return Optional.empty();
        }
        return jdbc.queryForList("select organization_id from stripe_customer where customer_id = ?", String.class,
                customerId).stream().findFirst();
    }
}
