/**
 * Accounts, passwords, access and refresh tokens: registration, login, refresh rotation, logout, /api/me, email
 * verification and password reset.
 */
package dev.tenantry.infra.identity;
