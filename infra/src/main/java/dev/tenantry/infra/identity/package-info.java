/** Accounts, passwords, access and refresh tokens: registration, login, refresh rotation, logout, /api/me. */
package dev.tenantry.infra.identity;
