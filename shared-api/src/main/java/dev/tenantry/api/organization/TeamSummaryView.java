package dev.tenantry.api.organization;

import dev.tenantry.api.membership.Role;

import java.util.Map;

/**
 * @param seatsUsed active members plus pending invitations
 * @param seatLimit {@code null} for unlimited
 */
public record TeamSummaryView(String organizationId,
                              Map<Role, Integer> membersByRole,
                              int pendingInvitations,
                              int seatsUsed,
                              Integer seatLimit) {
}
