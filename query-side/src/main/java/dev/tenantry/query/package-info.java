/** The read side: projections that build read models from events, and the query handlers that serve them. */
package dev.tenantry.query;
