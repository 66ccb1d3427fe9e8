/** REST API of invitations (tenant side and the invitee's public side), their mails, the pending-invitation lookup. */
package dev.tenantry.infra.invitation;
