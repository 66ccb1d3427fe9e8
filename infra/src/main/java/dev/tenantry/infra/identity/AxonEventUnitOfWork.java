package dev.tenantry.infra.identity;

import dev.tenantry.command.identity.EventUnitOfWork;
import dev.tenantry.infra.axon.TenantryCorrelationDataProvider;
import dev.tenantry.infra.web.CorrelationIdFilter;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An Axon unit of work bound to the database transaction, started by hand for work that is no command (a
 * registration), with the actor and the request's correlation id as the events' metadata.
 */
@Component
class AxonEventUnitOfWork implements EventUnitOfWork {

    private final TransactionManager transactionManager;
    /** Axon's correlation data providers (actor, correlation id), which copy a handled message's onto its events. */
    private final List<CorrelationDataProvider> correlationDataProviders;

    AxonEventUnitOfWork(TransactionManager transactionManager,
                        List<CorrelationDataProvider> correlationDataProviders) {
        this.transactionManager = transactionManager;
        this.correlationDataProviders = List.copyOf(correlationDataProviders);
    }

    @Override
    public <T> T run(String actorId, Supplier<T> work) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(TenantryCorrelationDataProvider.ACTOR_ID, actorId);
        CorrelationIdFilter.current().ifPresent(id -> metaData.put(TenantryCorrelationDataProvider.CORRELATION_ID, id));
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(
                new GenericMessage<>("register", MetaData.from(metaData)));
        // A unit of work started by hand has no correlation data providers; without them the event's metadata is empty.
        correlationDataProviders.forEach(unitOfWork::registerCorrelationDataProvider);
        unitOfWork.attachTransaction(transactionManager);
        ResultMessage<T> result = unitOfWork.executeWithResult(work::get, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("The unit of work failed", failure);
        }
        return result.getPayload();
    }
}
