/** The Invitation aggregate: invite by email, resend, revoke, accept, decline, expire by deadline. */
package dev.tenantry.command.invitation;
