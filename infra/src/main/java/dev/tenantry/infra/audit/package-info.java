/** The auditor's HTTP view of the audit stream and the limits on its long reads, and the adapters that read the event store for it. */
package dev.tenantry.infra.audit;
