/**
 * Live updates: Server-Sent Events of one organization's dashboard and audit activity, fed by Axon subscription
 * queries. Every node tails the shared event store itself, so a client sees what any node did.
 */
package dev.tenantry.infra.live;
