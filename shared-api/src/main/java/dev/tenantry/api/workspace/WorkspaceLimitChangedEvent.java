package dev.tenantry.api.workspace;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

/**
 * The organization's plan now allows this many active workspaces ({@code null}: unlimited): emitted with every
 * {@link dev.tenantry.api.organization.SeatLimitChangedEvent}, for the same reasons (plan change, dunning fallback).
 */
@Revision("1")
public record WorkspaceLimitChangedEvent(String organizationId, Integer workspaceLimit) implements TenantMessage {
}
