package dev.tenantry.api.dashboard;

import java.time.LocalDate;
import java.util.List;

/** The dashboard's series, oldest first, one point for every day or week of the window, empty ones included. */
public record DashboardHistoryView(List<MembersOnDay> membersOverTime, List<InvitationWeek> invitationsByWeek) {

    /** Active members at the end of {@code date} (UTC), and who joined and departed that day. */
    public record MembersOnDay(LocalDate date, int members, int joined, int departed) {
    }

    /**
     * The invitations sent in the ISO week starting {@code weekStart} (Monday, UTC) and what became of them so far.
     *
     * @param acceptanceRate {@code accepted / sent}, or {@code null} in a week without invitations
     */
    public record InvitationWeek(LocalDate weekStart, int sent, int accepted, int expired, Double acceptanceRate) {
    }
}
