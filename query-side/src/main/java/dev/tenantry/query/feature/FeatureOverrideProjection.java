package dev.tenantry.query.feature;

import dev.tenantry.api.organization.FeatureOverriddenEvent;
import dev.tenantry.api.organization.FeatureOverrideRemovedEvent;
import dev.tenantry.api.organization.FeatureOverrideView;
import dev.tenantry.api.organization.FindFeatureOverridesQuery;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * Only the overrides: the plan's features are configuration and the plan in effect is the subscriptions read
 * model's, so the effective set is combined when asked and a plan change never has to touch this table. Every
 * handler sets state from its event alone, so a redelivered or replayed event changes nothing.
 */
@Component
@ProcessingGroup(FeatureOverrideProjection.PROCESSING_GROUP)
class FeatureOverrideProjection {

    static final String PROCESSING_GROUP = "feature-overrides";

    private final FeatureOverrideRowRepository overrides;

    FeatureOverrideProjection(FeatureOverrideRowRepository overrides) {
        this.overrides = overrides;
    }

    /** A rebuild starts from an empty table; every handler below then sets rows from their events alone. */
    @ResetHandler
    void reset() {
        overrides.deleteAllInBatch();
    }

    @EventHandler
    void on(FeatureOverriddenEvent event, @Timestamp Instant at) {
        overrides.findById(new FeatureOverrideRow.Key(event.organizationId(), event.feature()))
                .ifPresentOrElse(row -> row.set(event.enabled(), at),
                        () -> overrides.save(new FeatureOverrideRow(event.organizationId(), event.feature(),
                                event.enabled(), at)));
    }

    @EventHandler
    void on(FeatureOverrideRemovedEvent event) {
        overrides.deleteById(new FeatureOverrideRow.Key(event.organizationId(), event.feature()));
    }

    @QueryHandler
    List<FeatureOverrideView> handle(FindFeatureOverridesQuery query) {
        return overrides.findByTenantIdOrderByFeature(query.organizationId()).stream()
                .map(FeatureOverrideRow::toView).toList();
    }
}
