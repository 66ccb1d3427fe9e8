/** The per-tenant audit stream: written with every event, hash-chained, read, exported and verified; read back as events for the activity feed and the state at an instant. */
package dev.tenantry.query.audit;
