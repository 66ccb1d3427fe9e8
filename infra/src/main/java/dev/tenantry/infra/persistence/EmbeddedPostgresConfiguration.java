package dev.tenantry.infra.persistence;

import dev.tenantry.infra.config.TenantryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * With no {@code spring.datasource.url}, the app starts its own PostgreSQL with data under
 * {@code tenantry.data-dir}, so that the jar runs with no configuration at all and keeps its data across restarts.
 * {@link ConnectionPools} connects to it. When the app was started by its main method, the server is already on
 * its way ({@link EarlyEmbeddedPostgres}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedPostgresConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(TenantryProperties properties) {
        Path dataDir = properties.dataDir().resolve("postgres");
        int port = properties.embeddedPostgres().port();
        List<String> settings = properties.embeddedPostgres().settings();
        CompletableFuture<EmbeddedPostgresServer> early = EarlyEmbeddedPostgres.claim(dataDir, port, settings);
        return early != null ? early.join() : EmbeddedPostgresServer.start(dataDir, port, settings);
    }
}
