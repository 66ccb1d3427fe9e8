package dev.tenantry.api.billing;

import java.util.List;

/**
 * A plan as configured ({@code tenantry.billing.plans.*}): plans are configuration, not code.
 *
 * @param monthlyPriceCents price per month in the currency's minor unit
 * @param stripePriceId     the recurring Stripe price a checkout subscribes to; {@code null} for a free plan
 * @param seatLimit         active members plus pending invitations allowed; {@code null} for unlimited
 * @param workspaceLimit    active workspaces allowed; {@code null} for unlimited
 * @param features          feature keys the plan grants
 */
public record Plan(String key,
                   String name,
                   long monthlyPriceCents,
                   String currency,
                   String stripePriceId,
                   Integer seatLimit,
                   Integer workspaceLimit,
                   List<String> features) {

    public Plan {
        features = features == null ? List.of() : List.copyOf(features);
    }

    public boolean isFree() {
        return monthlyPriceCents == 0;
    }
}
