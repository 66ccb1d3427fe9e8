/** The write model: event-sourced aggregates, command-side lookups and ports to the outside. */
package dev.tenantry.command;
