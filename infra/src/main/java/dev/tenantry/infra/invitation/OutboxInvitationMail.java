package dev.tenantry.infra.invitation;

import dev.tenantry.command.invitation.InvitationMail;
import dev.tenantry.infra.mail.MailOutbox;
import dev.tenantry.infra.mail.OutboxMail;
import org.springframework.stereotype.Component;

/** The invitation mail's words, through the outbox. The link shows the invitation (and accepts it, signed in). */
@Component
class OutboxInvitationMail implements InvitationMail {

    static final String LINK_PATH = "/api/invitations/" + OutboxMail.TOKEN;

    private final MailOutbox outbox;

    OutboxInvitationMail(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void invitation(MailedInvitation invitation) {
        String organization = invitation.organizationName() == null ? "an organization"
                : OutboxMail.oneLine(invitation.organizationName());
        String inviter = invitation.inviterName() == null ? "Someone" : OutboxMail.oneLine(invitation.inviterName());
        String subject = inviter + " invited you to join " + organization + " on Tenantry";
        String text = """
                Hello,

                %s invited you to join %s on Tenantry with the role %s.

                The invitation expires on %s. If you did not expect it, you can ignore this mail.

                Open the invitation:""".formatted(inviter, organization, invitation.role().name(),
                OutboxMail.EXPIRY.format(invitation.expiresAt()));
        outbox.enqueue(new OutboxMail("event:" + invitation.cause(), invitation.email(), subject, text, LINK_PATH,
                invitation.token()));
    }
}
