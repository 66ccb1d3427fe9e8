/** The per-tenant audit stream: written with every event, hash-chained, paged and verified for auditors; read back as events for the query side. */
package dev.tenantry.infra.audit;
