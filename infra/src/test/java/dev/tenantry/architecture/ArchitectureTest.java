package dev.tenantry.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.tenantry.command.billing.BillingGateway;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module rules of the design brief: command side and query side meet only through the shared API's events;
 * the shared API is plain Java (no Spring), so any client can depend on it.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tenantry");
    }

    @Test
    void commandSideDoesNotReferenceTheQuerySide() {
        noClasses().that().resideInAPackage("dev.tenantry.command..")
                .should().dependOnClassesThat().resideInAPackage("dev.tenantry.query..")
                .check(production);
    }

    @Test
    void querySideDoesNotReferenceTheCommandSide() {
        noClasses().that().resideInAPackage("dev.tenantry.query..")
                .should().dependOnClassesThat().resideInAPackage("dev.tenantry.command..")
                .check(production);
    }

    @Test
    void sharedApiDoesNotDependOnSpring() {
        noClasses().that().resideInAPackage("dev.tenantry.api..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(production);
    }

    @Test
    void sharedApiDependsOnNothingElseOfOurs() {
        noClasses().that().resideInAPackage("dev.tenantry.api..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.tenantry.command..", "dev.tenantry.query..", "dev.tenantry.infra..")
                .check(production);
    }

    @Test
    void onlyTheApplicationDependsOnTheApplication() {
        noClasses().that().resideInAnyPackage("dev.tenantry.command..", "dev.tenantry.query..")
                .should().dependOnClassesThat().resideInAPackage("dev.tenantry.infra..")
                .check(production);
    }

    /** The command side decides; HTTP (status codes, headers, requests) is the application's to translate. */
    @Test
    void commandSideKnowsNoHttp() {
        noClasses().that().resideInAPackage("dev.tenantry.command..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..")
                .check(production);
    }

    /** Command-side features depend on each other one way only (organization uses billing, never the reverse). */
    @Test
    void commandSideFeaturesAreFreeOfCycles() {
        slices().matching("dev.tenantry.command.(*)..").should().beFreeOfCycles().check(production);
    }

    /**
     * Controllers translate HTTP: what talks to Stripe (or any outside system behind a gateway port) is a saga, a
     * policy, an aggregate's handler or an adapter, never a controller.
     */
    @Test
    void controllersDoNotCallGateways() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat(JavaClass.Predicates.assignableTo(BillingGateway.class)
                        .or(JavaClass.Predicates.resideInAPackage("dev.tenantry..")
                                .and(JavaClass.Predicates.simpleNameEndingWith("Gateway"))))
                .check(production);
    }

    /** Events whose payload changed, at their current revision; each has an upcaster from the earlier ones. */
    private static final Map<String, String> UPCAST_REVISIONS = Map.of(
            "SubscriptionActivatedEvent", "2", "SubscriptionPlanChangedEvent", "2", "SubscriptionCanceledEvent", "2",
            "GracePeriodExpiredEvent", "2", "PaidPlanRestoredEvent", "2", // SeatLimitUpcaster
            "StripeEventReceivedEvent", "2"); // StripeStatusUpcaster

    @Test
    void everyEventCarriesItsRevisionOneUnlessUpcast() {
        classes().that().resideInAPackage("dev.tenantry.api..").and().haveSimpleNameEndingWith("Event")
                .should().beAnnotatedWith(Revision.class)
                .andShould(new ArchCondition<>("have @Revision(\"1\"), or the revision its upcaster produces") {
                    @Override
                    public void check(JavaClass item,
                                      ConditionEvents events) {
                        String revision = item.getAnnotationOfType(Revision.class).value();
                        String expected = UPCAST_REVISIONS.getOrDefault(item.getSimpleName(), "1");
                        if (!expected.equals(revision)) {
                            events.add(SimpleConditionEvent.violated(item,
                                    item.getName() + " has @Revision(\"" + revision + "\"), not " + expected));
                        }
                    }
                })
                .check(production);
    }

    @Test
    void messagesAreRecords() {
        classes().that().resideInAPackage("dev.tenantry.api..")
                .and().haveNameMatching(".*(Command|Event|Query)$")
                .should().beRecords()
                .check(production);
    }

    /** A feature package of the read side may use another's read model, but never in both directions. */
    @Test
    void querySideFeaturesAreFreeOfCycles() {
        slices().matching("dev.tenantry.query.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void sharedApiFeaturesAreFreeOfCycles() {
        slices().matching("dev.tenantry.api.(*)..").should().beFreeOfCycles().check(production);
    }
}
