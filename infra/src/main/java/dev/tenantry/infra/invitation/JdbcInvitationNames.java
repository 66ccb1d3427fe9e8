package dev.tenantry.infra.invitation;

import dev.tenantry.command.invitation.InvitationNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Straight from the tables, inside the command's transaction: the organization read model (its row exists since the
 * organization's creation was answered; the command side keeps no names) and the account table, which is not event
 * sourced.
 */
@Component
class JdbcInvitationNames implements InvitationNames {

    private final JdbcTemplate jdbc;

    JdbcInvitationNames(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> organizationName(String organizationId) {
        return jdbc.queryForList("select name from organization_view where tenant_id = ?", String.class,
                organizationId).stream().findFirst();
    }

    @Override
    public Optional<String> displayName(String userId) {
        return jdbc.queryForList("select display_name from user_account where id = ?", String.class, userId)
                .stream().findFirst();
    }
}
