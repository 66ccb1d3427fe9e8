/** Commands, events, queries and values of invitations by email. */
package dev.tenantry.api.invitation;
