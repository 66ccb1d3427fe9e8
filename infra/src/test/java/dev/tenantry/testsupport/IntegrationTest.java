package dev.tenantry.testsupport;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The app on a random port over a real PostgreSQL ({@link TestDatabase}), sending its mails to an in-process SMTP
 * server ({@link TestMail}). Every integration test uses exactly this configuration and nothing else (no @MockBean,
 * no extra properties), so that Spring caches one context and the suite starts the application, its database and
 * its mail server once.
 * <p>
 * Spring Boot's tests leave out every metrics export but an in-memory registry; the app's own (Prometheus, behind
 * {@code /actuator/prometheus}) is kept, so that its tests see what operators see.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@ContextConfiguration(initializers = {TestDatabase.class, TestMail.class, TestStripe.class})
public @interface IntegrationTest {
}
