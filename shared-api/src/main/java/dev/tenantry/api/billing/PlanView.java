package dev.tenantry.api.billing;

import java.util.List;

/**
 * A plan as clients see it, on offer and as an organization's plan alike.
 *
 * @param seatLimit      {@code null} for unlimited, which {@code unlimitedSeats} also says
 * @param workspaceLimit active workspaces allowed; absent for unlimited
 */
public record PlanView(String key, String name, Money monthlyPrice, Integer seatLimit, boolean unlimitedSeats,
                       Integer workspaceLimit, List<String> features) {

    /** Money as integer minor units with a currency, never a float. */
    public record Money(long amountCents, String currency) {
    }

    public static PlanView of(Plan plan) {
        return new PlanView(plan.key(), plan.name(), new Money(plan.monthlyPriceCents(), plan.currency()),
                plan.seatLimit(), plan.seatLimit() == null, plan.workspaceLimit(), plan.features());
    }
}
