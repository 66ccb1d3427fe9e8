package dev.tenantry.infra.workspace;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.tenantry.command.workspace.WorkspaceBackfill;
import dev.tenantry.infra.persistence.Workload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.time.Clock;
import java.time.Duration;

/**
 * Runs the {@link WorkspaceBackfill} once per start as a db-scheduler one-time task, so that of several nodes
 * starting together one runs it, on a scheduler thread after the application (and Axon) has started, and a node that
 * dies while running it leaves it to another.
 */
@Configuration(proxyBeanMethods = false)
class WorkspaceBackfillSchedule {

    static final String TASK = "workspace-backfill";
    private static final Logger log = LoggerFactory.getLogger(WorkspaceBackfillSchedule.class);

    private final WorkspaceBackfill backfill;
    private final ObjectProvider<SchedulerClient> scheduler;
    private final Clock clock;

    WorkspaceBackfillSchedule(WorkspaceBackfill backfill, ObjectProvider<SchedulerClient> scheduler, Clock clock) {
        this.backfill = backfill;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** An organization that failed (a lost race, the database gone) is tried again in the next run, a minute on. */
    @Bean
    OneTimeTask<Void> workspaceBackfillTask() {
        return Tasks.oneTime(TASK)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofMinutes(1)))
                .execute((instance, context) -> Workload.BACKGROUND.run(backfill::run));
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
}
