package dev.tenantry.command.workspace;

import dev.tenantry.api.membership.MemberLeftEvent;
import dev.tenantry.api.membership.MemberRemovedEvent;
import dev.tenantry.api.membership.Role;
import dev.tenantry.api.organization.OrganizationClosedEvent;
import dev.tenantry.api.workspace.ArchiveWorkspaceOfClosedOrganizationCommand;
import dev.tenantry.api.workspace.RemoveDepartedWorkspaceMemberCommand;
import dev.tenantry.command.testsupport.InMemoryWorkspaces;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkspacePoliciesTest {

    private static final String ORG = "org-1";

    private final List<Object> sent = new ArrayList<>();
    private final InMemoryWorkspaces workspaces = new InMemoryWorkspaces();
    private final WorkspacePolicies policies = new WorkspacePolicies(recordingGateway(), workspaces);

    @Test
    void someoneWhoLeavesOrIsRemovedLeavesEachOfTheOrganizationsWorkspaces() {
        workspaces.recordMember(ORG, "ws-1", "user-1");
        workspaces.recordMember(ORG, "ws-2", "user-1");
        workspaces.recordMember(ORG, "ws-2", "user-2");
        workspaces.recordMember("org-2", "ws-3", "user-1");

        policies.on(new MemberLeftEvent("m1", ORG, "user-1", Role.MEMBER));
        policies.on(new MemberRemovedEvent("m2", ORG, "user-2", Role.VIEWER));

        assertThat(sent).containsExactly(new RemoveDepartedWorkspaceMemberCommand("ws-1", ORG, "user-1"),
                new RemoveDepartedWorkspaceMemberCommand("ws-2", ORG, "user-1"),
                new RemoveDepartedWorkspaceMemberCommand("ws-2", ORG, "user-2"));
    }

    @Test
    void closingTheOrganizationArchivesEachOfItsActiveWorkspaces() {
        workspaces.active(ORG, "general", "ws-1").active(ORG, "roadmap", "ws-2").active("org-2", "other", "ws-3");

        policies.on(new OrganizationClosedEvent(ORG));

        assertThat(sent).containsExactly(new ArchiveWorkspaceOfClosedOrganizationCommand("ws-1", ORG),
                new ArchiveWorkspaceOfClosedOrganizationCommand("ws-2", ORG));
    }

    private CommandGateway recordingGateway() {
        return (CommandGateway) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{CommandGateway.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("sendAndWait")) {
                        sent.add(args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
