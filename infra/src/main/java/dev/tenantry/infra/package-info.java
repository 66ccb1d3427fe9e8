/** The application: REST, security, persistence and Axon configuration. */
package dev.tenantry.infra;
