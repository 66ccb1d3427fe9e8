package dev.tenantry.query.billing;

import dev.tenantry.api.billing.FindSubscriptionQuery;
import dev.tenantry.api.billing.SubscriptionStartedEvent;
import dev.tenantry.api.billing.SubscriptionView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

@Component
@ProcessingGroup(SubscriptionProjection.PROCESSING_GROUP)
class SubscriptionProjection {

    static final String PROCESSING_GROUP = "subscriptions";

    private final SubscriptionRowRepository subscriptions;

    SubscriptionProjection(SubscriptionRowRepository subscriptions) {
        this.subscriptions = subscriptions;
    }

    @EventHandler
    void on(SubscriptionStartedEvent event, @Timestamp Instant at) {
        subscriptions.save(new SubscriptionRow(event.organizationId(), event.subscriptionId(), event.plan(),
                event.status(), at));
    }

    @QueryHandler
    Optional<SubscriptionView> handle(FindSubscriptionQuery query) {
        return subscriptions.findById(query.organizationId()).map(SubscriptionRow::toView);
    }
}
