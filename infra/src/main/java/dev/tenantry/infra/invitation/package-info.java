/** REST API of invitations (tenant side and the invitee's public side), their mail and the pending-invitation lookup. */
package dev.tenantry.infra.invitation;
