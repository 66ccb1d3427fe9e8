package dev.tenantry.infra.persistence;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Starts the embedded PostgreSQL while Spring is still building the application, instead of when the first bean
 * needs a connection: creating and starting the cluster takes seconds that the context's own start (class loading,
 * Hibernate, Axon) would otherwise wait for. The configuration takes the server started here if it was started
 * for the same data directory, port and settings, and otherwise starts its own, as before.
 * <p>
 * Registered by the application's main method only, so that tests, which choose their database in an initializer
 * that runs later than this, never start one they do not use.
 */
public final class EarlyEmbeddedPostgres implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static volatile Start start;

    private record Start(Path dataDir, int port, List<String> settings,
                         CompletableFuture<EmbeddedPostgresServer> server) {
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            return; // a database of the operator's: nothing to start
        }
        Binder binder = Binder.get(environment);
        Path dataDir = binder.bind("tenantry.data-dir", Path.class).orElse(Path.of("./tenantry-data"))
                .resolve("postgres");
        int port = binder.bind("tenantry.embedded-postgres.port", Integer.class).orElse(0);
        List<String> settings = binder.bind("tenantry.embedded-postgres.settings", Bindable.listOf(String.class))
                .orElse(List.of());
        CompletableFuture<EmbeddedPostgresServer> server = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                server.complete(EmbeddedPostgresServer.start(dataDir, port, settings));
            } catch (Throwable e) {
                server.completeExceptionally(e);
            }
        }, "embedded-postgres-start");
        starter.setDaemon(true);
        starter.start();
        start = new Start(dataDir, port, settings, server);
    }

    /** The server started early for exactly these parameters, once; {@code null} when there is none. */
    static CompletableFuture<EmbeddedPostgresServer> claim(Path dataDir, int port, List<String> settings) {
        Start early = start;
        if (early == null || !early.dataDir().equals(dataDir) || early.port() != port
                || !early.settings().equals(settings)) {
            return null;
        }
        start = null;
        return early.server();
    }
}
