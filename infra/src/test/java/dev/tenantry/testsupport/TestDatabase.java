package dev.tenantry.testsupport;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Picks the real PostgreSQL the integration tests run on, in this order: the URL in
 * {@code TENANTRY_TEST_DATABASE_URL}; a Testcontainers PostgreSQL when a Docker engine answers; otherwise the
 * app's own embedded PostgreSQL in a fresh temporary data dir. One per JVM: every integration test shares the
 * same Spring context (and so the same database) through Spring's context cache.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static PostgreSQLContainer<?> container;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(databaseProperties()).applyTo(context.getEnvironment());
    }

    private static synchronized String[] databaseProperties() {
        String url = System.getenv("TENANTRY_TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new String[]{
                    "spring.datasource.url=" + url,
                    "spring.datasource.username=" + envOr("TENANTRY_TEST_DATABASE_USERNAME", "postgres"),
                    "spring.datasource.password=" + envOr("TENANTRY_TEST_DATABASE_PASSWORD", "")};
        }
        if (dockerAvailable()) {
            if (container == null) {
                container = new PostgreSQLContainer<>("postgres:17-alpine");
                container.start();
            }
            return new String[]{
                    "spring.datasource.url=" + container.getJdbcUrl(),
                    "spring.datasource.username=" + container.getUsername(),
                    "spring.datasource.password=" + container.getPassword()};
        }
        return new String[]{
                "tenantry.data-dir=" + freshDataDir(),
                // Throwaway data: durability settings only cost time here.
                "tenantry.embedded-postgres.settings=fsync=off,synchronous_commit=off,full_page_writes=off"};
    }

    /** Asking Testcontainers without any Docker socket costs seconds of probing; skip it when there is none. */
    private static boolean dockerAvailable() {
        boolean hint = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
        if (!hint) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Under the module's target/, so that {@code mvn clean} removes it and test runs do not pile up in /tmp. */
    private static Path freshDataDir() {
        try {
            Path parent = Files.createDirectories(Path.of("target", "test-data"));
            return Files.createTempDirectory(parent, "tenantry-test-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
