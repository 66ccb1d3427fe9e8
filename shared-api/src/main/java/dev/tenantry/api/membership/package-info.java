/** Commands, events, queries and values of memberships and roles. */
package dev.tenantry.api.membership;
