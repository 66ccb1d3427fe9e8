/** Stateless authentication with JWT access tokens; problems for 401 and 403. */
package dev.tenantry.infra.security;
