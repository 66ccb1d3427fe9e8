package dev.tenantry.command.testsupport;

import dev.tenantry.api.DomainException;
import dev.tenantry.command.invitation.Invitation;
import dev.tenantry.command.invitation.InvitationAcceptance;
import dev.tenantry.command.invitation.PendingInvitations;
import dev.tenantry.command.membership.MemberRoster;
import dev.tenantry.command.membership.Membership;
import dev.tenantry.command.organization.Organization;
import dev.tenantry.command.organization.OwnershipTransfer;
import dev.tenantry.command.billing.Plans;
import dev.tenantry.command.billing.Subscription;
import dev.tenantry.command.organization.Seats;
import dev.tenantry.command.organization.SlugRegistry;
import dev.tenantry.command.workspace.Workspace;
import dev.tenantry.command.workspace.Workspaces;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.deadline.StubDeadlineManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every aggregate and cross-aggregate command handler of the command side on one in-memory event store and a real
 * command bus, for the handlers that load several aggregates in one unit of work. {@code AggregateTestFixture}
 * cannot host them: its event store serves only the aggregate under test and refuses to load any other identifier.
 * <p>
 * Reads as a fixture: {@code given(aggregate, id, events).when(command).expectEvents(...)}.
 */
public final class InMemoryAxon implements AutoCloseable {

    private final Configuration configuration;
    private final StubDeadlineManager deadlines = new StubDeadlineManager();
    private final List<EventMessage<?>> published = new CopyOnWriteArrayList<>();

    private final InMemoryWorkspaces workspaces = new InMemoryWorkspaces();

    public InMemoryAxon(MemberRoster roster, PendingInvitations pending, Seats seats) {
        Map<String, String> slugs = new ConcurrentHashMap<>();
        SlugRegistry slugRegistry = (slug, organizationId) -> slugs.putIfAbsent(slug, organizationId) == null;
        configuration = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Organization.class)
                .configureAggregate(Membership.class)
                .configureAggregate(Invitation.class)
                .configureAggregate(Subscription.class)
                .configureAggregate(Workspace.class)
                .registerComponent(MemberRoster.class, c -> roster)
                .registerComponent(PendingInvitations.class, c -> pending)
                .registerComponent(Seats.class, c -> seats)
                .registerComponent(SlugRegistry.class, c -> slugRegistry)
                .registerComponent(Workspaces.class, c -> workspaces)
                .registerComponent(Plans.class, c -> new FixedPlans())
                .registerComponent(DeadlineManager.class, c -> deadlines)
                .registerCommandHandler(c -> new InvitationAcceptance(c.repository(Invitation.class),
                        c.repository(Membership.class)))
                .registerCommandHandler(c -> new OwnershipTransfer(c.repository(Organization.class),
                        c.repository(Membership.class)))
                .start();
        // Only what a unit of work committed reaches subscribers; a rolled-back command publishes nothing.
        configuration.eventStore().subscribe(published::addAll);
    }

    /** Stores these events as the history of one aggregate, after whatever it already has. */
    public InMemoryAxon given(Class<?> aggregateType, String aggregateId, Object... events) {
        EventStore store = configuration.eventStore();
        long sequence = store.lastSequenceNumberFor(aggregateId).map(last -> last + 1).orElse(0L);
        List<EventMessage<?>> messages = new ArrayList<>();
        for (Object event : events) {
            messages.add(new GenericDomainEventMessage<>(aggregateType.getSimpleName(), aggregateId, sequence++,
                    event));
        }
        store.publish(messages);
        published.clear();
        return this;
    }

    /** Handles these commands, each of which must succeed, as the history before the command under test. */
    public InMemoryAxon givenCommands(Object... commands) {
        for (Object command : commands) {
            when(command).expectSuccessfulHandlerExecution();
        }
        published.clear();
        return this;
    }

    public Result when(Object command) {
        published.clear();
        try {
            configuration.commandGateway().sendAndWait(command);
            return new Result(payloads(), null);
        } catch (RuntimeException e) {
            return new Result(payloads(), e);
        }
    }

    /** Every event stored for the aggregate, given or published. */
    public List<Object> history(String aggregateId) {
        return configuration.eventStore().readEvents(aggregateId).asStream()
                .map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    public StubDeadlineManager deadlines() {
        return deadlines;
    }

    private List<Object> payloads() {
        return published.stream().map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    @Override
    public void close() {
        configuration.shutdown();
    }

    /** What one command did: the events it committed, or what it was refused with. */
    public record Result(List<Object> events, RuntimeException exception) {

        public Result expectSuccessfulHandlerExecution() {
            assertThat(exception).as("exception of the command").isNull();
            return this;
        }

        public Result expectEvents(Object... expected) {
            expectSuccessfulHandlerExecution();
            assertThat(events).containsExactly(expected);
            return this;
        }

        public Result expectNoEvents() {
            assertThat(events).isEmpty();
            return this;
        }

        public Result expectDomainError(String code) {
            assertThat(exception).isInstanceOf(DomainException.class);
            assertThat(((DomainException) exception).code()).isEqualTo(code);
            return this;
        }

        public Result expectException(Class<? extends Throwable> type) {
            assertThat(exception).isInstanceOf(type);
            return this;
        }
    }
}
