/** The tenant's audit stream read back as events: the activity feed in words and the state at an instant. */
package dev.tenantry.query.audit;
