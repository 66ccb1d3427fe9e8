/**
 * The HTTP side of identity (/api/auth, /api/me) and the adapters of its ports: the account mails' words, the
 * registration's unit of work. The rules are in {@code dev.tenantry.command.identity}.
 */
package dev.tenantry.infra.identity;
