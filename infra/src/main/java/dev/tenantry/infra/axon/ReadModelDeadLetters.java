package dev.tenantry.infra.axon;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jpa.JpaSequencedDeadLetterQueue;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * An event a read model cannot handle parks instead of stopping the read model. Without this, one poison event (an
 * organization name PostgreSQL could not store) stopped the organizations processor for good: every tenant's later
 * events waited behind it, and every creation answered 404.
 * <p>
 * The read models are the projections of query-side ({@value #READ_MODELS}). Each gets Axon's dead-letter queue,
 * stored in PostgreSQL ({@code dead_letter_entry}), sequenced like the processor (per aggregate): the failing event
 * and every later event of its aggregate wait there, in order, while the other aggregates' events flow on. Platform
 * admins list, retry and evict them ({@code /api/admin/dead-letters}); health and metrics count them.
 * <p>
 * A handler's SQL fails at its statement, and in PostgreSQL a failed statement aborts the whole transaction, which
 * is the processor's batch: the dead letter cannot be stored in it. So each read-model handler flushes its changes
 * before it returns (a failure is then that event's), and an event that keeps failing is parked on a later attempt,
 * before its handler runs (see {@link FailedAttempts}).
 * Sagas, policies, the audit stream and the mail outbox are not read models and keep failing loudly (their events
 * must not be skipped in silence).
 */
@Configuration(proxyBeanMethods = false)
class ReadModelDeadLetters {

    static final String READ_MODELS = "dev.tenantry.query";

    @Bean
    ConfigurerModule deadLetterQueuesForReadModels(ApplicationContext context,
                                                   EntityManagerProvider entityManagerProvider,
                                                   TransactionManager transactionManager) {
        Set<String> readModels = readModelGroups(context);
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.eventProcessing().registerDeadLetterQueueProvider(group ->
                        !readModels.contains(group) ? null : configuration -> JpaSequencedDeadLetterQueue
                                .<EventMessage<?>>builder()
                                .processingGroup(group)
                                .entityManagerProvider(entityManagerProvider)
                                .transactionManager(transactionManager)
                                .eventSerializer(configuration.eventSerializer())
                                .genericSerializer(configuration.serializer())
                                .build());
            }

            /** After Axon's own provider (axon.eventhandling.processors.*.dlq), which would replace this one. */
            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }

    @Bean
    HandlerEnhancerDefinition parkEventsThatKeepFailing(EntityManagerProvider entityManagerProvider,
                                                        @Value("${tenantry.projections.attempts-before-parking:2}")
                                                        int attempts) {
        FailedAttempts failures = new FailedAttempts(attempts);
        return new HandlerEnhancerDefinition() {
            @Override
            public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
                if (!original.canHandleMessageType(EventMessage.class)
                        || !isReadModel(original.declaringClass())) {
                    return original;
                }
                String handler = original.declaringClass().getName();
                return new WrappedMessageHandlingMember<>(original) {
                    @Override
                    public Object handle(Message<?> message, T target) throws Exception {
                        String key = handler + "/" + message.getIdentifier();
                        failures.parkIfExhausted(key);
                        try {
                            Object result = super.handle(message, target);
                            // Its SQL now, not at the batch's commit: a failure is this event's, not the batch's.
                            entityManagerProvider.getEntityManager().flush();
                            failures.forget(key);
                            return result;
                        } catch (Exception | Error e) {
                            failures.record(key, e);
                            throw e;
                        }
                    }
                };
            }
        };
    }

    /**
     * Which events failed in their handler, and how often in a row. A failed statement aborts the processor's whole
     * transaction in PostgreSQL (and Hibernate marks it rollback-only), so the dead letter cannot be stored in the
     * attempt that failed: the batch rolls back and the processor tries it again after a pause. Once the same event
     * has failed {@code attempts} times, the next attempt does not run the handler but fails at once, before any
     * SQL, and Axon's dead-letter queue parks it in a transaction that is still sound. A failure that goes away in
     * between (a lost connection) parks nothing.
     */
    static final class FailedAttempts {

        private final int attempts;
        private final Map<String, Failure> failures = new ConcurrentHashMap<>();

        private record Failure(int count, String cause) {
        }

        FailedAttempts(int attempts) {
            this.attempts = Math.max(1, attempts);
        }

        void parkIfExhausted(String key) {
            Failure failure = failures.get(key);
            if (failure != null && failure.count() >= attempts) {
                failures.remove(key);
                throw new ParkedEventException("Failed " + failure.count() + " times in a row, parked: "
                        + failure.cause());
            }
        }

        void record(String key, Throwable cause) {
            if (cause instanceof ParkedEventException) {
                return;
            }
            String description = cause.getClass().getSimpleName() + ": " + rootMessage(cause);
            failures.merge(key, new Failure(1, description),
                    (before, now) -> new Failure(before.count() + 1, now.cause()));
        }

        void forget(String key) {
            failures.remove(key);
        }

        private static String rootMessage(Throwable cause) {
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return String.valueOf(root.getMessage());
        }
    }

    /** What the dead-letter queue records as the cause of a parked event (with the original's message). */
    static final class ParkedEventException extends RuntimeException {

        ParkedEventException(String message) {
            super(message);
        }
    }

    /** The processing groups of query-side's projections, without creating their beans. */
    static Set<String> readModelGroups(ApplicationContext context) {
        return Arrays.stream(context.getBeanNamesForAnnotation(ProcessingGroup.class))
                .map(context::getType)
                .filter(Objects::nonNull)
                .filter(ReadModelDeadLetters::isReadModel)
                .map(type -> AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class))
                .filter(Objects::nonNull)
                .map(ProcessingGroup::value)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static boolean isReadModel(Class<?> type) {
        return type.getName().startsWith(READ_MODELS + ".");
    }
}
