package dev.tenantry.infra.billing;

import dev.tenantry.infra.axon.TenantryCorrelationDataProvider;
import dev.tenantry.infra.web.CorrelationIdFilter;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exactly once per Stripe event id. The event's row and the work it causes (commands sent with
 * {@code sendAndWait}, which run in a nested unit of work that joins this one's transaction) commit together or
 * not at all: a failure leaves no row, so Stripe's redelivery is processed afresh; a row means the work is done,
 * so a redelivery does nothing. A concurrent delivery of the same event waits on the row's insert until the
 * first commits (and then does nothing) or rolls back (and then does the work itself).
 */
@Component
class StripeEventInbox {

    private final JdbcTemplate jdbc;
    private final TransactionManager transactionManager;
    /** Without them, a unit of work started by hand passes no tenant or correlation id on to the commands. */
    private final List<CorrelationDataProvider> correlationDataProviders;

    StripeEventInbox(JdbcTemplate jdbc, TransactionManager transactionManager,
                     List<CorrelationDataProvider> correlationDataProviders) {
        this.jdbc = jdbc;
        this.transactionManager = transactionManager;
        this.correlationDataProviders = List.copyOf(correlationDataProviders);
    }

    /**
     * Records the event with its outcome and runs the work, in one transaction.
     *
     * @return {@code false} when the event had been recorded before: nothing was done
     * @throws RuntimeException what the work threw; nothing was recorded
     */
    boolean recordOnce(StripeEvent event, String organizationId, String outcome, Runnable work) {
        Map<String, Object> metaData = new HashMap<>();
        if (organizationId != null) {
            metaData.put(TenantryCorrelationDataProvider.TENANT_ID, organizationId);
        }
        CorrelationIdFilter.current().ifPresent(id -> metaData.put(TenantryCorrelationDataProvider.CORRELATION_ID, id));
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(
                new GenericMessage<>(event.id(), MetaData.from(metaData)));
        correlationDataProviders.forEach(unitOfWork::registerCorrelationDataProvider);
        unitOfWork.attachTransaction(transactionManager);
        ResultMessage<Boolean> result = unitOfWork.executeWithResult(() -> {
            int inserted = jdbc.update("""
                            insert into stripe_webhook_event (event_id, type, organization_id, outcome, created_at)
                            values (?, ?, ?, ?, ?) on conflict (event_id) do nothing""",
                    event.id(), event.type(), organizationId, outcome, Timestamp.from(event.created()));
            if (inserted == 0) {
                return false;
            }
            work.run();
            return true;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Stripe event " + event.id() + " could not be processed", failure);
        }
        return result.getPayload();
    }
}
