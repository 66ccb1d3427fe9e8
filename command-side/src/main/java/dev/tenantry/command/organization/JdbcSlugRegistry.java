package dev.tenantry.command.organization;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs inside the command's transaction (Axon's unit of work joins the Spring transaction), so a claim commits or
 * rolls back with the events it guards. {@code on conflict do nothing} waits for a concurrent claim of the same
 * slug to commit or roll back, then answers for the winner, without aborting our transaction.
 */
@Component
class JdbcSlugRegistry implements SlugRegistry {

    private final JdbcTemplate jdbc;

    JdbcSlugRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean tryClaim(String slug, String organizationId) {
        return jdbc.update("insert into organization_slug (slug, organization_id) values (?, ?) "
                + "on conflict (slug) do nothing", slug, organizationId) == 1;
    }
}
