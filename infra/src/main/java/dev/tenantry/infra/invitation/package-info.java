/** REST API of invitations (tenant side and the invitee's public side) and the pending-invitation lookup. */
package dev.tenantry.infra.invitation;
