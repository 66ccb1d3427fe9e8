package dev.tenantry.api.membership;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role matrix of the design brief: OWNER all, including billing, ownership transfer and closing; ADMIN manages
 * members, invitations and settings below owner; MEMBER reads and works; VIEWER reads only; AUDITOR reads and sees the
 * audit stream. Every entry is pinned, so that widening one is a visible change of this table.
 */
class PermissionTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "VIEW_ORGANIZATION,   OWNER ADMIN MEMBER VIEWER AUDITOR",
            "MANAGE_ORGANIZATION, OWNER ADMIN",
            "MANAGE_MEMBERS,      OWNER ADMIN",
            "CREATE_WORKSPACES,   OWNER ADMIN MEMBER",
            "VIEW_BILLING,        OWNER ADMIN",
            "MANAGE_BILLING,      OWNER",
            "READ_AUDIT,          OWNER ADMIN AUDITOR",
            "OWN_ORGANIZATION,    OWNER"})
    void grantsExactlyTheRolesOfTheMatrix(Permission permission, String roles) {
        Set<Role> granted = Arrays.stream(roles.split(" ")).map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        for (Role role : Role.values()) {
            assertThat(role.may(permission)).as("%s may %s", role, permission).isEqualTo(granted.contains(role));
        }
        assertThat(permission.roles()).isEqualTo(granted);
    }

    @ParameterizedTest
    @CsvSource({"VIEW_ORGANIZATION", "OWN_ORGANIZATION"})
    void someoneWhoIsNoMemberMayNothing(Permission permission) {
        assertThat(permission.allows(null)).isFalse();
    }
}
