/** Read model of memberships: member lists, "my organizations" and authorisation checks. */
package dev.tenantry.query.membership;
