/** Meters for operators at /actuator/prometheus; Axon's cut to size. */
package dev.tenantry.infra.metrics;
