package dev.tenantry.infra.workspace;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.tenantry.api.billing.RecordWorkspaceLimitCommand;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.api.workspace.CreateDefaultWorkspaceCommand;
import dev.tenantry.command.workspace.Workspaces;
import dev.tenantry.infra.axon.TenantryCorrelationDataProvider;
import dev.tenantry.infra.persistence.Workload;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The upgrade path for organizations from before workspaces: each gets what a new organization gets, its workspace
 * limit as its subscription's state decides and its default workspace (none if closed). It runs once per start as a
 * db-scheduler one-time task, so that of several nodes starting together one runs it, on a scheduler thread after
 * the application (and Axon) has started, and a node that dies while running it leaves it to another. An
 * organization is marked set up once both commands went through; each command adds nothing that is there already,
 * so a run interrupted anywhere, or repeated, leaves every organization as one run would.
 */
@Configuration(proxyBeanMethods = false)
class WorkspaceBackfill {

    static final String TASK = "workspace-backfill";
    private static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(WorkspaceBackfill.class);

    private final Workspaces workspaces;
    private final CommandGateway commands;
    private final ObjectProvider<SchedulerClient> scheduler;
    private final Clock clock;

    WorkspaceBackfill(Workspaces workspaces, CommandGateway commands, ObjectProvider<SchedulerClient> scheduler,
                      Clock clock) {
        this.workspaces = workspaces;
        this.commands = commands;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** An organization that failed (a lost race, the database gone) is tried again in the next run, a minute on. */
    @Bean
    OneTimeTask<Void> workspaceBackfillTask() {
        return Tasks.oneTime(TASK)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofMinutes(1)))
                .execute((instance, context) -> Workload.BACKGROUND.run(this::run));
    }

    /**
     * A node starting while another runs it finds it scheduled already, and leaves it at that. The app serves without
     * it: a failure here is logged, and the next start schedules it again.
     */
    @EventListener(ApplicationReadyEvent.class)
    void scheduleOnStart() {
        try {
            scheduler.ifAvailable(client -> client.scheduleIfNotExists(new TaskInstance<Void>(TASK, "on-start"),
                    clock.instant()));
        } catch (RuntimeException e) {
            log.error("Workspace backfill: could not be scheduled; organizations from before workspaces stay as they "
                    + "are until the next start", e);
        }
    }

    /** @return how many organizations it visited and marked set up */
    int run() {
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
        MetaData tenant = MetaData.with(TenantryCorrelationDataProvider.TENANT_ID, organizationId);
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
