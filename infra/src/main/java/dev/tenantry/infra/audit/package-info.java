/** The per-tenant audit stream: written with every event, hash-chained, paged and verified for auditors. */
package dev.tenantry.infra.audit;
