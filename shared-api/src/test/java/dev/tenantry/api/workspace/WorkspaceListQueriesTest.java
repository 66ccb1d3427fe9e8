package dev.tenantry.api.workspace;

import dev.tenantry.api.DomainException;
import dev.tenantry.api.PageCursor;
import dev.tenantry.api.membership.Role;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WorkspaceListQueriesTest {

    private static FindWorkspacesQuery workspaces(String status, String search, Integer limit, String cursor) {
        return FindWorkspacesQuery.of("org", "viewer", Role.MEMBER, status, search, limit, cursor);
    }

    private static void assertRefused(ThrowingCallable query, String code, String field) {
        DomainException refusal = catchThrowableOfType(DomainException.class, query);
        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(refusal.code()).isEqualTo(code);
        assertThat(refusal.field()).isEqualTo(field);
    }

    @Test
    void statusIsActiveByDefaultArchivedOrAllInAnyCase() {
        assertThat(workspaces(null, null, null, null).status()).isEqualTo(WorkspaceStatus.ACTIVE);
        assertThat(workspaces("Archived", null, null, null).status()).isEqualTo(WorkspaceStatus.ARCHIVED);
        assertThat(workspaces("ALL", null, null, null).status()).isNull();
        assertRefused(() -> workspaces("deleted", null, null, null), "invalid-status", "status");
        assertRefused(() -> workspaces("", null, null, null), "invalid-status", "status");
    }

    @Test
    void limitIsFiftyByDefaultAndOneToAHundred() {
        assertThat(workspaces(null, null, null, null).limit()).isEqualTo(50);
        assertThat(workspaces(null, null, 1, null).limit()).isEqualTo(1);
        assertThat(workspaces(null, null, 100, null).limit()).isEqualTo(100);
        assertRefused(() -> workspaces(null, null, 0, null), "invalid-limit", "limit");
        assertRefused(() -> workspaces(null, null, 101, null), "invalid-limit", "limit");
        assertThat(FindWorkspaceMembersQuery.of("org", "ws", null, null).limit()).isEqualTo(50);
        assertThat(FindWorkspaceMembersQuery.of("org", "ws", 100, null).limit()).isEqualTo(100);
        assertRefused(() -> FindWorkspaceMembersQuery.of("org", "ws", 0, null), "invalid-limit", "limit");
        assertRefused(() -> new FindWorkspaceMembersQuery("org", "ws", 101, null), "invalid-limit", "limit");
    }

    @Test
    void theSearchIsAtMostAHundredCharacters() {
        assertThat(workspaces(null, "x".repeat(100), null, null).search()).hasSize(100);
        assertRefused(() -> workspaces(null, "x".repeat(101), null, null), "invalid-query", "q");
    }

    @Test
    void aCursorIsOneThisListMade() {
        String nameCursor = PageCursor.encode("alpha", "id");
        assertThat(workspaces(null, null, null, nameCursor).cursor()).isEqualTo(nameCursor);
        assertRefused(() -> workspaces(null, null, null, "not-a-cursor"), "invalid-cursor", "cursor");
        assertRefused(() -> workspaces(null, null, null, PageCursor.encode("one")), "invalid-cursor", "cursor");

        String memberCursor = PageCursor.encode("2021-03-01T10:00:00Z", "user");
        assertThat(FindWorkspaceMembersQuery.of("org", "ws", null, memberCursor).cursor()).isEqualTo(memberCursor);
        assertRefused(() -> FindWorkspaceMembersQuery.of("org", "ws", null, nameCursor), "invalid-cursor", "cursor");
    }

    @Test
    void refusalsComeInTheOrderTheParametersAreRead() {
        assertRefused(() -> workspaces("deleted", "x".repeat(101), 0, "bad"), "invalid-status", "status");
        assertRefused(() -> workspaces(null, "x".repeat(101), 0, "bad"), "invalid-query", "q");
        assertRefused(() -> workspaces(null, null, 0, "bad"), "invalid-limit", "limit");
    }
}
