package dev.tenantry.command.invitation;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
class JdbcPendingInvitations implements PendingInvitations {

    private final JdbcTemplate jdbc;

    JdbcPendingInvitations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean tryClaim(String organizationId, String email, String invitationId) {
        return jdbc.update("insert into pending_invitation (invitation_id, organization_id, email) values (?, ?, ?) "
                + "on conflict (organization_id, email) do nothing", invitationId, organizationId, email) == 1;
    }

    @Override
    public void release(String invitationId) {
        jdbc.update("delete from pending_invitation where invitation_id = ?", invitationId);
    }
}
