package dev.tenantry.command.workspace;

import dev.tenantry.api.MessageMetaData;
import dev.tenantry.api.billing.RecordWorkspaceLimitCommand;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.api.workspace.CreateDefaultWorkspaceCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The upgrade path for organizations from before workspaces: each gets what a new organization gets, its workspace
 * limit as its subscription's state decides and its default workspace (none if closed). An organization is marked
 * set up once both commands went through; each command adds nothing that is there already, so a run interrupted
 * anywhere, or repeated, leaves every organization as one run would. When and where it runs (once per start, on one
 * node) is the application's to decide.
 */
@Component
public class WorkspaceBackfill {

    private static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(WorkspaceBackfill.class);

    private final Workspaces workspaces;
    private final CommandGateway commands;

    WorkspaceBackfill(Workspaces workspaces, CommandGateway commands) {
        this.workspaces = workspaces;
        this.commands = commands;
    }

    /**
     * Visits every organization not marked set up. One that fails (a lost race, the database gone) is left for the
     * next run; the run goes on with the others and fails at the end, so that it is run again.
     *
     * @return how many organizations it visited and marked set up
     * @throws IllegalStateException if any organization could not be set up
     */
    public int run() {
        int setUp = 0;
        int failed = 0;
        String after = null;
        for (List<String> batch = workspaces.organizationsNotSetUp(null, BATCH); !batch.isEmpty();
             batch = workspaces.organizationsNotSetUp(after, BATCH)) {
            for (String organizationId : batch) {
                after = organizationId;
                try {
                    setUp(organizationId);
                    setUp++;
                } catch (RuntimeException e) {
                    failed++;
                    log.warn("Workspace backfill: organization {} not set up, tried again later", organizationId, e);
                }
            }
        }
        if (setUp > 0 || failed > 0) {
            log.info("Workspace backfill: {} organizations not marked set up visited and marked, {} failed", setUp,
                    failed);
        }
        if (failed > 0) {
            throw new IllegalStateException("Workspace backfill: " + failed + " organizations not set up");
        }
        return setUp;
    }

    private void setUp(String organizationId) {
        MetaData tenant = MetaData.with(MessageMetaData.TENANT_ID, organizationId);
        try {
            commands.sendAndWait(new RecordWorkspaceLimitCommand(SubscriptionIds.of(organizationId), organizationId),
                    tenant);
        } catch (AggregateNotFoundException noSubscription) {
            // From before subscriptions: the default plan's limit, which applies to it, is recorded below.
            log.info("Workspace backfill: organization {} has no subscription", organizationId);
        }
        try {
            commands.sendAndWait(new CreateDefaultWorkspaceCommand(organizationId), tenant);
        } catch (AggregateNotFoundException noOrganization) {
            // Lookup rows without events: nothing to set up, and retrying would not change that.
            log.warn("Workspace backfill: {} has seats but no organization in the event store", organizationId);
            return;
        } catch (RuntimeException e) {
            if (!isDuplicate(e)) {
                throw e;
            }
        }
        workspaces.markSetUp(organizationId);
    }

    /** The default workspace's id is derived from the organization's: a second creation clashes with the first. */
    private static boolean isDuplicate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }
}
