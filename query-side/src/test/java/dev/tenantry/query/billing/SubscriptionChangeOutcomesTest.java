package dev.tenantry.query.billing;

import dev.tenantry.api.billing.SubscriptionChange;
import dev.tenantry.api.billing.SubscriptionChangeCompletedEvent;
import dev.tenantry.api.billing.SubscriptionChangeFailedEvent;
import dev.tenantry.api.billing.SubscriptionChangeRequestedEvent;
import dev.tenantry.api.billing.SubscriptionPlanChangedEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of the subscription's events is the outcome of a change, and what the caller waits for. */
class SubscriptionChangeOutcomesTest {

    private static final String SUBSCRIPTION = "sub-org-1";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Store store = new Store();
    private final List<String> caughtUp = new ArrayList<>();
    private final SubscriptionChangeOutcomes outcomes = new SubscriptionChangeOutcomes(store, caughtUp::addAll);

    @Test
    void theChangesOwnCompletionIsItsOutcomeOnceTheReadModelsHaveIt() {
        store.append(completed("other-change"));
        long position = outcomes.position(SUBSCRIPTION);
        store.append(requested("change-1"));
        store.append(completed("other-change"));
        store.append(planChanged());
        store.append(completed("change-1"));

        assertThat(outcomes.await(SUBSCRIPTION, "change-1", position, WAIT))
                .isEqualTo(new SubscriptionChangeOutcomes.Completed());
        assertThat(caughtUp).containsExactly("e4");
    }

    @Test
    void aFailureCarriesItsEventSoThatRefusedAndUnavailableAreToldApart() {
        long position = outcomes.position(SUBSCRIPTION);
        SubscriptionChangeFailedEvent failed = new SubscriptionChangeFailedEvent(SUBSCRIPTION, "org-1", "change-1",
                SubscriptionChange.CANCEL_AT_PERIOD_END, "Stripe could not be reached", true);
        store.append(failed("other-change"));
        store.append(failed);

        assertThat(outcomes.await(SUBSCRIPTION, "change-1", position, WAIT))
                .isEqualTo(new SubscriptionChangeOutcomes.Failed(failed));
        assertThat(caughtUp).containsExactly("e1");
    }

    @Test
    void anOutcomeBeforeThePositionIsAnEarlierRequestsNotThisOne() {
        store.append(completed("change-1"));
        long position = outcomes.position(SUBSCRIPTION);

        assertThat(outcomes.await(SUBSCRIPTION, "change-1", position, Duration.ZERO))
                .isEqualTo(new SubscriptionChangeOutcomes.Pending());
        assertThat(caughtUp).isEmpty();
    }

    @Test
    void anOutcomeRecordedWhileWaitingIsFound() {
        long position = outcomes.position(SUBSCRIPTION);
        assertThat(position).isEqualTo(-1);
        // The saga records the request and then its outcome while the caller is already polling.
        store.onRead(2, () -> store.append(requested("change-1")));
        store.onRead(3, () -> store.append(completed("change-1")));

        assertThat(outcomes.await(SUBSCRIPTION, "change-1", position, WAIT))
                .isEqualTo(new SubscriptionChangeOutcomes.Completed());
        // Each read goes on after the last event seen, never back over it.
        assertThat(store.readsFrom).containsExactly(0L, 0L, 1L);
    }

    @Test
    void withoutAnOutcomeWithinTheWaitTheChangeIsPending() {
        long position = outcomes.position(SUBSCRIPTION);
        store.append(requested("change-1"));

        long started = System.nanoTime();
        assertThat(outcomes.await(SUBSCRIPTION, "change-1", position, Duration.ofMillis(200)))
                .isEqualTo(new SubscriptionChangeOutcomes.Pending());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    private static SubscriptionChangeRequestedEvent requested(String changeId) {
        return new SubscriptionChangeRequestedEvent(SUBSCRIPTION, "org-1", changeId, SubscriptionChange.CHANGE_PLAN,
                "sub_1", "enterprise", "price_enterprise", "key-" + changeId);
    }

    private static SubscriptionChangeCompletedEvent completed(String changeId) {
        return new SubscriptionChangeCompletedEvent(SUBSCRIPTION, "org-1", changeId, SubscriptionChange.CHANGE_PLAN);
    }

    private static SubscriptionChangeFailedEvent failed(String changeId) {
        return new SubscriptionChangeFailedEvent(SUBSCRIPTION, "org-1", changeId, SubscriptionChange.CHANGE_PLAN,
                "Stripe refused the change", false);
    }

    private static SubscriptionPlanChangedEvent planChanged() {
        return new SubscriptionPlanChangedEvent(SUBSCRIPTION, "org-1", null, "pro", "enterprise",
                Instant.parse("2026-01-05T10:00:00Z"));
    }

    /** The subscription's stream; event ids are "e" and the sequence number. */
    private static final class Store implements AggregateEvents {

        private final List<Object> payloads = new CopyOnWriteArrayList<>();
        private final List<Long> readsFrom = new CopyOnWriteArrayList<>();
        private final Map<Integer, Runnable> beforeRead = new HashMap<>();

        void append(Object payload) {
            payloads.add(payload);
        }

        /** Runs {@code change} just before the {@code read}-th read (counted from 1), as a saga's write would land. */
        void onRead(int read, Runnable change) {
            beforeRead.put(read, change);
        }

        @Override
        public long lastSequence(String aggregateId) {
            return payloads.size() - 1;
        }

        @Override
        public List<Stored> from(String aggregateId, long sequence) {
            beforeRead.getOrDefault(readsFrom.size() + 1, () -> { }).run();
            readsFrom.add(sequence);
            List<Stored> events = new ArrayList<>();
            for (int i = (int) sequence; i < payloads.size(); i++) {
                events.add(new Stored("e" + i, i, payloads.get(i)));
            }
            return events;
        }
    }
}
