/** The Membership aggregate: one per organization and user, holding that user's role. */
package dev.tenantry.command.membership;
