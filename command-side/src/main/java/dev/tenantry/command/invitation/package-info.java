/** The Invitation aggregate: invite by email, resend, revoke, accept, decline, expire by deadline; and its link's mail. */
package dev.tenantry.command.invitation;
