/** Meters for operators at /actuator/prometheus: Axon's cut to size, and the processors' lag and outbox's depth. */
package dev.tenantry.infra.metrics;
