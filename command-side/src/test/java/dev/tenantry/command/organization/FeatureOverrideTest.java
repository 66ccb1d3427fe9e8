package dev.tenantry.command.organization;

import dev.tenantry.api.organization.FeatureOverriddenEvent;
import dev.tenantry.api.organization.FeatureOverrideRemovedEvent;
import dev.tenantry.api.organization.OrganizationClosedEvent;
import dev.tenantry.api.organization.OrganizationCreatedEvent;
import dev.tenantry.api.organization.OrganizationSettings;
import dev.tenantry.api.organization.OverrideFeatureCommand;
import dev.tenantry.api.organization.RemoveFeatureOverrideCommand;
import dev.tenantry.command.testsupport.FixedPlans;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.tenantry.command.testsupport.DomainErrors.domainError;

/** A platform admin's per-organization override of a plan's feature, recorded on the Organization. */
class FeatureOverrideTest {

    private static final String ORG = "5f0c7a1e-0000-4000-8000-0000000000f1";
    private static final String OWNER = "user-owner";
    private static final String PLATFORM_ADMIN = "user-platform-admin";

    private AggregateTestFixture<Organization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
        fixture.registerInjectableResource(new OrganizationTest.InMemorySlugs());
        fixture.registerInjectableResource(new OrganizationTest.FixedSeats());
        fixture.registerInjectableResource(new FixedPlans());
    }

    private static OrganizationCreatedEvent created() {
        return new OrganizationCreatedEvent(ORG, "Acme", "acme", OrganizationSettings.DEFAULTS, OWNER);
    }

    @Test
    void enablingAFeatureRecordsTheOverride() {
        fixture.given(created())
                .when(new OverrideFeatureCommand(ORG, "analytics", true, PLATFORM_ADMIN))
                .expectEvents(new FeatureOverriddenEvent(ORG, "analytics", true, null));
    }

    @Test
    void disablingAnEnabledFeatureRecordsTheNewValueAndThePreviousOne() {
        fixture.given(created(), new FeatureOverriddenEvent(ORG, "analytics", true, null))
                .when(new OverrideFeatureCommand(ORG, "analytics", false, PLATFORM_ADMIN))
                .expectEvents(new FeatureOverriddenEvent(ORG, "analytics", false, true));
    }

    @Test
    void settingTheSameValueAgainRecordsNothing() {
        fixture.given(created(), new FeatureOverriddenEvent(ORG, "analytics", false, null))
                .when(new OverrideFeatureCommand(ORG, "analytics", false, PLATFORM_ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void overridesOfDifferentFeaturesAreIndependent() {
        fixture.given(created(), new FeatureOverriddenEvent(ORG, "analytics", true, null))
                .when(new OverrideFeatureCommand(ORG, "audit-export", true, PLATFORM_ADMIN))
                .expectEvents(new FeatureOverriddenEvent(ORG, "audit-export", true, null));
    }

    @Test
    void removingAnOverrideRecordsWhatItSaid() {
        fixture.given(created(), new FeatureOverriddenEvent(ORG, "analytics", false, null))
                .when(new RemoveFeatureOverrideCommand(ORG, "analytics", PLATFORM_ADMIN))
                .expectEvents(new FeatureOverrideRemovedEvent(ORG, "analytics", false));
    }

    @Test
    void removingAnOverrideThatDoesNotExistIsRefused() {
        fixture.given(created())
                .when(new RemoveFeatureOverrideCommand(ORG, "analytics", PLATFORM_ADMIN))
                .expectException(domainError("feature-override-not-found"))
                .expectNoEvents();
    }

    @Test
    void anOverrideRemovedOnceCannotBeRemovedTwice() {
        fixture.given(created(), new FeatureOverriddenEvent(ORG, "analytics", true, null),
                        new FeatureOverrideRemovedEvent(ORG, "analytics", true))
                .when(new RemoveFeatureOverrideCommand(ORG, "analytics", PLATFORM_ADMIN))
                .expectException(domainError("feature-override-not-found"))
                .expectNoEvents();
    }

    @Test
    void aRemovedOverrideCanBeSetAgain() {
        fixture.given(created(), new FeatureOverriddenEvent(ORG, "analytics", true, null),
                        new FeatureOverrideRemovedEvent(ORG, "analytics", true))
                .when(new OverrideFeatureCommand(ORG, "analytics", true, PLATFORM_ADMIN))
                .expectEvents(new FeatureOverriddenEvent(ORG, "analytics", true, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Analytics", "-beta", "beta_x", "beta.x", "beta x", "a/b",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void aMalformedKeyIsRefusedNamingKey(String key) {
        fixture.given(created())
                .when(new OverrideFeatureCommand(ORG, key, true, PLATFORM_ADMIN))
                .expectException(domainError("invalid-feature-key"))
                .expectNoEvents();
        fixture.given(created())
                .when(new RemoveFeatureOverrideCommand(ORG, key, PLATFORM_ADMIN))
                .expectException(domainError("invalid-feature-key"))
                .expectNoEvents();
    }

    @Test
    void theLongestKeyIsSixtyThreeCharacters() {
        String key = "a".repeat(63);
        fixture.given(created())
                .when(new OverrideFeatureCommand(ORG, key, true, PLATFORM_ADMIN))
                .expectEvents(new FeatureOverriddenEvent(ORG, key, true, null));
    }

    @Test
    void aClosedOrganizationsFeaturesCannotBeOverridden() {
        fixture.given(created(), new OrganizationClosedEvent(ORG))
                .when(new OverrideFeatureCommand(ORG, "analytics", true, PLATFORM_ADMIN))
                .expectException(domainError("organization-closed"))
                .expectNoEvents();
    }

    @Test
    void aClosedOrganizationsOverridesCannotBeRemoved() {
        fixture.given(created(), new FeatureOverriddenEvent(ORG, "analytics", true, null),
                        new OrganizationClosedEvent(ORG))
                .when(new RemoveFeatureOverrideCommand(ORG, "analytics", PLATFORM_ADMIN))
                .expectException(domainError("organization-closed"))
                .expectNoEvents();
    }
}
