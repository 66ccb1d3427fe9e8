/** Read model of invitations: pending lists for the tenant, and the invitee's view by token. */
package dev.tenantry.query.invitation;
