package dev.tenantry.infra.axon;

import dev.tenantry.command.CommandLookups;
import dev.tenantry.command.LongLivedAggregates;
import dev.tenantry.infra.persistence.Workload;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /** Replaces Axon's default MessageOriginProvider, whose key names (correlationId = causation) mislead. */
    @Bean
    CorrelationDataProvider tenantryCorrelationDataProvider() {
        return new TenantryCorrelationDataProvider();
    }

    /**
     * A tracking processor handles whatever events are already available in one transaction, up to this many:
     * under load that is one commit per batch instead of one per event; when idle it does not wait to fill it.
     */
    @Bean
    ConfigurerModule eventProcessorBatching(@Value("${tenantry.projections.batch-size:100}") int batchSize) {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                configuration -> Processors.singleThreaded().andBatchSize(batchSize));
    }

    /**
     * Command-side lookups (roster, pending invitations, closed organizations) must change in the same transaction
     * as the events they follow: a subscribing processor runs its handlers inside the publishing unit of work. A
     * failing update must fail the command too; Axon's default would log it and commit a lookup that disagrees
     * with the events.
     */
    @Bean
    ConfigurerModule commandLookupsInTheCommandTransaction() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(CommandLookups.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(CommandLookups.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }

    /**
     * A handler that fails stops its processor, which retries with a growing wait and shows DOWN in health, instead
     * of Axon's default of logging and skipping the event: a skipped event is a read model that silently disagrees
     * with the event store, or a Stripe cancellation that never happens.
     */
    @Bean
    ConfigurerModule failingHandlersAreRetriedNotSkipped() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }

    /**
     * Axon's JPA token store as auto-configured, except for the name a node claims segments under: by default the
     * JVM's "pid@host", which two nodes in one JVM (or two containers that both run as pid 1 on the same host name)
     * share, and then both process every event. {@code tenantry.node-id} names the node when that could happen.
     */
    @Bean
    TokenStore tokenStore(Serializer serializer, EntityManagerProvider entityManagerProvider,
                          @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout,
                          @Value("${tenantry.node-id:}") String nodeId) {
        JpaTokenStore.Builder builder = JpaTokenStore.builder()
                .entityManagerProvider(entityManagerProvider)
                .serializer(serializer)
                .claimTimeout(claimTimeout);
        if (!nodeId.isBlank()) {
            builder.nodeId(nodeId);
        }
        return builder.build();
    }

    /**
     * Axon's snapshotter as auto-configured, except that it works on a thread of its own. By default it runs on the
     * thread that committed the command, after the commit but before the aggregate's lock is released: every
     * command queued on that aggregate waited for the snapshot too, and with all connections taken by such
     * commands the snapshot waited for a connection in turn, until the pool gave up after 30 s. Snapshots of one
     * aggregate are never taken twice at once; a snapshot that fails is only logged (the events are the truth).
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                    HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory,
                                                    ExecutorService snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService snapshotExecutor() {
        return Executors.newSingleThreadExecutor(Workload.BACKGROUND.threadFactory(task -> {
            Thread thread = new Thread(task, "snapshotter");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /**
     * See {@link LongLivedAggregates#CACHE}. Weak references: an aggregate nobody has used lately is collected under memory
     * pressure and loaded from its snapshot the next time.
     */
    @Bean(LongLivedAggregates.CACHE)
    Cache aggregateCache() {
        return new WeakReferenceCache();
    }

    /**
     * See {@link LongLivedAggregates#LOCKS}. A command that cannot have its aggregate within the timeout fails
     * (503, try again) rather than holding its client and a request thread for longer.
     */
    @Bean(LongLivedAggregates.LOCKS)
    LockFactory aggregateLocks(@Value("${tenantry.commands.lock-timeout:10s}") Duration timeout) {
        return new FairLockFactory(timeout);
    }

    /** See {@link LongLivedAggregates#SNAPSHOT_TRIGGER}. */
    @Bean(LongLivedAggregates.SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition snapshotEveryFewHundredEvents(Snapshotter snapshotter,
                                                           @Value("${tenantry.snapshots.every:250}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    ConfigurerModule projectionCatchUpRegistration(ProjectionCatchUp catchUp) {
        return configurer -> configurer.onInitialize(configuration ->
                configuration.onStart(() -> configuration.eventBus().registerDispatchInterceptor(catchUp)));
    }
}
