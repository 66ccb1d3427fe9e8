/** REST API of members and roles, and the database side of the member roster. */
package dev.tenantry.infra.membership;
