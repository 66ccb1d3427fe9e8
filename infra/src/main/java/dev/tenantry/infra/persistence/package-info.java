/** Database wiring: the embedded PostgreSQL default, the Hibernate dialect that keeps Axon's blobs in bytea. */
package dev.tenantry.infra.persistence;
