/** Events about user accounts that projections need (credentials themselves are never event sourced). */
package dev.tenantry.api.identity;
