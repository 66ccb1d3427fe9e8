package dev.tenantry.api.organization;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

/** The organization's plan now allows this many seats (members plus pending invitations); {@code null}: unlimited. */
@Revision("1")
public record SeatLimitChangedEvent(String organizationId, Integer seatLimit) implements TenantMessage {
}
