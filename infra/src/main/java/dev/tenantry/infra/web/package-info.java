/** Cross-cutting web concerns: RFC 9457 problem responses and tenant access checks. */
package dev.tenantry.infra.web;
