package dev.tenantry.command.workspace;

import dev.tenantry.api.MessageMetaData;
import dev.tenantry.api.billing.RecordWorkspaceLimitCommand;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.api.workspace.CreateDefaultWorkspaceCommand;
import dev.tenantry.command.testsupport.InMemoryWorkspaces;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run of the upgrade backfill, over the workspace lookup's contract and a gateway that answers as scripted. */
class WorkspaceBackfillTest {

    private final InMemoryWorkspaces workspaces = new InMemoryWorkspaces();
    private final List<Object> sent = new ArrayList<>();
    private final List<MetaData> metaData = new ArrayList<>();
    /** What the gateway throws for a command instead of handling it. */
    private final Map<Object, RuntimeException> failures = new HashMap<>();
    private final WorkspaceBackfill backfill = new WorkspaceBackfill(workspaces, scriptedGateway());

    @Test
    void everyOrganizationNotSetUpGetsItsLimitAndDefaultWorkspaceAndIsMarkedAcrossBatches() {
        List<String> organizations = IntStream.range(0, 150).mapToObj(i -> "org-%03d".formatted(i)).toList();
        organizations.forEach(id -> workspaces.limit(id, 3));
        workspaces.limit("org-done", 3).markSetUp("org-done");

        assertThat(backfill.run()).isEqualTo(150);

        assertThat(workspaces.setUp).containsAll(organizations);
        assertThat(sent).hasSize(300).startsWith(
                new RecordWorkspaceLimitCommand(SubscriptionIds.of("org-000"), "org-000"),
                new CreateDefaultWorkspaceCommand("org-000"));
        assertThat(sent).doesNotContain(new CreateDefaultWorkspaceCommand("org-done"));
        assertThat(metaData.get(0).get(MessageMetaData.TENANT_ID)).isEqualTo("org-000");
        assertThat(backfill.run()).as("nothing left").isZero();
    }

    @Test
    void anOrganizationFromBeforeSubscriptionsStillGetsItsDefaultWorkspace() {
        workspaces.limit("org-1", 3);
        failures.put(new RecordWorkspaceLimitCommand(SubscriptionIds.of("org-1"), "org-1"),
                new AggregateNotFoundException(SubscriptionIds.of("org-1"), "no subscription"));

        assertThat(backfill.run()).isEqualTo(1);

        assertThat(sent).contains(new CreateDefaultWorkspaceCommand("org-1"));
        assertThat(workspaces.setUp).contains("org-1");
    }

    @Test
    void aDefaultWorkspaceThatExistsAlreadyCountsAsSetUp() {
        workspaces.limit("org-1", 3);
        failures.put(new CreateDefaultWorkspaceCommand("org-1"),
                new IllegalStateException("wrapped", new AggregateStreamCreationException("exists")));

        backfill.run();

        assertThat(workspaces.setUp).contains("org-1");
    }

    @Test
    void lookupRowsWithoutAnOrganizationAreLeftAloneWithoutFailingTheRun() {
        workspaces.limit("org-1", 3);
        failures.put(new CreateDefaultWorkspaceCommand("org-1"), new AggregateNotFoundException("org-1", "none"));

        backfill.run();

        assertThat(workspaces.setUp).doesNotContain("org-1");
    }

    @Test
    void aFailedOrganizationDoesNotStopTheOthersButFailsTheRunSoThatItIsRunAgain() {
        workspaces.limit("org-1", 3).limit("org-2", 3).limit("org-3", 3);
        failures.put(new CreateDefaultWorkspaceCommand("org-2"), new IllegalStateException("database gone"));

        assertThatThrownBy(backfill::run).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 organizations not set up");

        assertThat(workspaces.setUp).containsExactly("org-1", "org-3");
        failures.clear();
        assertThat(backfill.run()).isEqualTo(1);
        assertThat(workspaces.setUp).contains("org-2");
    }

    private CommandGateway scriptedGateway() {
        return (CommandGateway) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{CommandGateway.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("sendAndWait") && args.length == 2 && args[1] instanceof MetaData m) {
                        RuntimeException failure = failures.get(args[0]);
                        if (failure != null) {
                            throw failure;
                        }
                        sent.add(args[0]);
                        metaData.add(m);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
