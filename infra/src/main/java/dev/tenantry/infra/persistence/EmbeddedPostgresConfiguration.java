package dev.tenantry.infra.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.tenantry.infra.config.TenantryProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * With no {@code spring.datasource.url}, the app starts its own PostgreSQL with data under
 * {@code tenantry.data-dir}, so that the jar runs with no configuration at all and keeps its data across restarts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedPostgresConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(TenantryProperties properties) {
        return EmbeddedPostgresServer.start(properties.dataDir().resolve("postgres"),
                properties.embeddedPostgres().port(), properties.embeddedPostgres().settings());
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresServer server) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl("postgres"));
        dataSource.setUsername(server.username());
        dataSource.setPoolName("tenantry-embedded");
        return dataSource;
    }
}
