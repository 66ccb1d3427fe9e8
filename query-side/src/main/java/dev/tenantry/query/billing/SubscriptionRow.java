package dev.tenantry.query.billing;

import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.billing.SubscriptionView;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "subscription_view")
public class SubscriptionRow {

    @Id
    private String tenantId;
    private String subscriptionId;
    private String plan;
    @Enumerated(EnumType.STRING)
    private SubscriptionStatus status;
    private Instant startedAt;
    private Instant updatedAt;

    protected SubscriptionRow() {
    }

    SubscriptionRow(String tenantId, String subscriptionId, String plan, SubscriptionStatus status, Instant at) {
        this.tenantId = tenantId;
        this.subscriptionId = subscriptionId;
        this.plan = plan;
        this.status = status;
        this.startedAt = at;
        this.updatedAt = at;
    }

    SubscriptionView toView() {
        return new SubscriptionView(tenantId, plan, status, startedAt, updatedAt);
    }
}
