/**
 * The write model of users (not event sourced): accounts, passwords, sign-ins and their refresh tokens, mailed
 * one-time tokens, lock-outs after failed sign-ins.
 */
package dev.tenantry.command.identity;
