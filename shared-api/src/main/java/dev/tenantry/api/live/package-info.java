/** Live updates: the subscription query a node's live streams watch one organization's changes with. */
package dev.tenantry.api.live;
