package dev.tenantry.infra.billing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.api.DomainException;
import dev.tenantry.api.billing.InvoiceEventKind;
import dev.tenantry.api.billing.RecordInvoiceEventCommand;
import dev.tenantry.api.billing.RecordStripeEventCommand;
import dev.tenantry.api.billing.RecordTrialWillEndCommand;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionIds;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.tenantry.infra.billing.StripeEvent.epoch;
import static dev.tenantry.infra.billing.StripeEvent.idOf;
import static dev.tenantry.infra.billing.StripeTranslation.snapshot;
import static dev.tenantry.infra.billing.StripeEvent.text;

/**
 * What a verified Stripe event means for us, done once per event id ({@link StripeEventInbox}).
 * <ul>
 *     <li>Subscription events and completed checkouts are recorded on the organization's Subscription, whose
 *     reconciliation saga then applies Stripe's current state (or the payload, if Stripe cannot be asked).</li>
 *     <li>Invoice events and trial endings go to the Subscription directly.</li>
 *     <li>Event types not handled here are answered and forgotten (not recorded), so that a type handled in a
 *     later version is processed when Stripe resends it.</li>
 *     <li>An event no organization can be found for is recorded as {@code unresolved}; one the organization
 *     refuses for good (it does not exist) as {@code rejected}. Both are answered 200: delivering them again would
 *     not change the answer, and Stripe disables endpoints that keep failing.</li>
 *     <li>Any other failure leaves nothing recorded and propagates, so that Stripe delivers the event again.</li>
 * </ul>
 */
@Component
class StripeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

    /** What became of a delivery; {@link #code()} is stored and answered. */
    enum Outcome {
        PROCESSED, IGNORED, UNRESOLVED, REJECTED,
        /** Recorded before: nothing was done. */
        DUPLICATE,
        /** A type we do not handle: nothing recorded. */
        UNHANDLED;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param customerId a customer the payload ties to {@code organizationId}, to remember for later events
     * @param command    what the event asks the Subscription to do; {@code null} when nothing
     */
    record Handling(Outcome outcome, String organizationId, String customerId, Object command) {
    }

    private final StripeEventInbox inbox;
    private final StripeCustomers customers;
    private final CommandGateway commands;

    StripeWebhooks(StripeEventInbox inbox, StripeCustomers customers, CommandGateway commands) {
        this.inbox = inbox;
        this.customers = customers;
        this.commands = commands;
    }

    Outcome receive(StripeEvent event) {
        Optional<Handling> planned = handlingOf(event);
        if (planned.isEmpty()) {
            log.debug("Stripe event {} of type {} is not handled", event.id(), event.type());
            return Outcome.UNHANDLED;
        }
        Handling handling = planned.get();
        boolean fresh;
        try {
            fresh = inbox.recordOnce(event, handling.organizationId(), handling.outcome().code(), () -> {
                customers.record(handling.customerId(), handling.organizationId());
                if (handling.command() != null) {
                    commands.sendAndWait(handling.command());
                }
            });
        } catch (RuntimeException e) {
            if (!isPermanent(e)) {
                throw e;
            }
            boolean recorded = inbox.recordOnce(event, handling.organizationId(), Outcome.REJECTED.code(), () -> {
            });
            if (recorded) {
                log.warn("Stripe event {} ({}) was refused for organization {}: {}", event.id(), event.type(),
                        handling.organizationId(), e.getMessage());
            }
            return recorded ? Outcome.REJECTED : Outcome.DUPLICATE;
        }
        if (!fresh) {
            return Outcome.DUPLICATE;
        }
        if (handling.outcome() == Outcome.UNRESOLVED) {
            log.warn("Stripe event {} ({}) names no organization we know (customer {}); recorded and ignored",
                    event.id(), event.type(), customerOf(event.object()));
        }
        return handling.outcome();
    }

    /** The organization does not exist, or refused the command by a rule: delivering it again changes nothing. */
    private static boolean isPermanent(Throwable e) {
        Throwable cause = e instanceof CommandExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof AggregateNotFoundException || cause instanceof DomainException;
    }

    /** Empty for an event type not handled here. */
    Optional<Handling> handlingOf(StripeEvent event) {
        return switch (event.type()) {
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" ->
                    Optional.of(subscriptionEvent(event));
            case "customer.subscription.trial_will_end" -> Optional.of(trialWillEnd(event));
            case "checkout.session.completed" -> Optional.of(checkoutCompleted(event));
            case "invoice.paid" -> Optional.of(invoice(event, InvoiceEventKind.PAID));
            case "invoice.payment_failed" -> Optional.of(invoice(event, InvoiceEventKind.PAYMENT_FAILED));
            case "invoice.payment_action_required" -> Optional.of(invoice(event, InvoiceEventKind.ACTION_REQUIRED));
            default -> Optional.empty();
        };
    }

    private Handling subscriptionEvent(StripeEvent event) {
        JsonNode subscription = event.object();
        Owner owner = ownerOf(subscription);
        if (owner.organizationId() == null) {
            return owner.unresolved();
        }
        return owner.handling(new RecordStripeEventCommand(SubscriptionIds.of(owner.organizationId()),
                owner.organizationId(), event.id(), event.type(), text(subscription, "id"),
                snapshot(subscription, event.created())));
    }

    private Handling trialWillEnd(StripeEvent event) {
        JsonNode subscription = event.object();
        Owner owner = ownerOf(subscription);
        Instant trialEnd = epoch(subscription, "trial_end");
        if (trialEnd == null) {
            return owner.ignored();
        }
        if (owner.organizationId() == null) {
            return owner.unresolved();
        }
        return owner.handling(new RecordTrialWillEndCommand(SubscriptionIds.of(owner.organizationId()),
                owner.organizationId(), event.id(), trialEnd));
    }

    /** The session's subscription is usually an id only; its state then comes from Stripe (or its own events). */
    private Handling checkoutCompleted(StripeEvent event) {
        JsonNode session = event.object();
        Owner owner = ownerOf(session);
        String stripeSubscriptionId = idOf(session, "subscription");
        if (!"subscription".equals(text(session, "mode")) || stripeSubscriptionId == null) {
            return owner.ignored(); // a one-off payment: no subscription of ours
        }
        if (owner.organizationId() == null) {
            return owner.unresolved();
        }
        JsonNode expanded = session.path("subscription");
        StripeSubscriptionSnapshot payload = expanded.isObject() ? snapshot(expanded, event.created()) : null;
        return owner.handling(new RecordStripeEventCommand(SubscriptionIds.of(owner.organizationId()),
                owner.organizationId(), event.id(), event.type(), stripeSubscriptionId, payload));
    }

    private Handling invoice(StripeEvent event, InvoiceEventKind kind) {
        JsonNode invoice = event.object();
        Owner owner = ownerOf(invoice);
        // Newer API versions moved the subscription under parent.subscription_details.
        String stripeSubscriptionId = Optional.ofNullable(
                        idOf(invoice.path("parent").path("subscription_details"), "subscription"))
                .orElse(idOf(invoice, "subscription"));
        if (stripeSubscriptionId == null) {
            return owner.ignored(); // a one-off invoice: no subscription to pay for, or to dun
        }
        if (owner.organizationId() == null) {
            return owner.unresolved();
        }
        long amount = invoice.path(kind == InvoiceEventKind.PAID ? "amount_paid" : "amount_due").asLong(0);
        String currency = Optional.ofNullable(text(invoice, "currency")).map(c -> c.toLowerCase(Locale.ROOT))
                .orElse(null);
        return owner.handling(new RecordInvoiceEventCommand(SubscriptionIds.of(owner.organizationId()),
                owner.organizationId(), event.id(), kind, text(invoice, "id"), amount, currency, event.created()));
    }

    private static String customerOf(JsonNode object) {
        return idOf(object, "customer");
    }

    /**
     * Whose event this is: the organization its payload names (the subscription's metadata, which checkout sets
     * and invoices copy, or a checkout session's client_reference_id), else the one its customer is known for.
     */
    private Owner ownerOf(JsonNode object) {
        String customerId = customerOf(object);
        Optional<String> named = Stream.of(
                        object.path("metadata").path("organization_id"),
                        object.path("client_reference_id"),
                        object.path("subscription").path("metadata").path("organization_id"),
                        object.path("subscription_details").path("metadata").path("organization_id"),
                        object.path("parent").path("subscription_details").path("metadata").path("organization_id"))
                .map(StripeEvent::organizationId)
                .flatMap(Optional::stream)
                .findFirst();
        if (named.isPresent()) {
            return new Owner(named.get(), customerId);
        }
        return new Owner(customers.organizationOf(customerId).orElse(null), null);
    }

    /** @param customerId the customer to remember for the organization: only when the payload names both */
    private record Owner(String organizationId, String customerId) {

        Handling handling(Object command) {
            return new Handling(Outcome.PROCESSED, organizationId, customerId, command);
        }

        Handling ignored() {
            return new Handling(Outcome.IGNORED, organizationId, null, null);
        }

        Handling unresolved() {
            return new Handling(Outcome.UNRESOLVED, null, null, null);
        }
    }
}
