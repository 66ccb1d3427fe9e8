/** The tenantry.* configuration properties. */
package dev.tenantry.infra.config;
