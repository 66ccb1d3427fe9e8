/** Axon wiring: message metadata, sending commands on behalf of a user, projection catch-up, health. */
package dev.tenantry.infra.axon;
