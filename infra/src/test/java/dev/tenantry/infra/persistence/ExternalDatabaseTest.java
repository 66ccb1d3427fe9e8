package dev.tenantry.infra.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.tenantry.TenantryApplication;
import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** With spring.datasource.url set, the app uses that database, migrates it, and starts no PostgreSQL of its own. */
@IntegrationTest
class ExternalDatabaseTest {

    @Autowired
    DataSource sharedDataSource;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path dataDir;

    @Test
    void aConfiguredDatabaseIsUsedAndNothingIsStarted() throws SQLException {
        String database = "external_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.execute("create database " + database);
        HikariDataSource shared = sharedDataSource.unwrap(HikariDataSource.class);
        String url = shared.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TenantryApplication.class).run(
                "--server.port=0", "--tenantry.data-dir=" + dataDir, "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + shared.getUsername(),
                "--spring.datasource.password=" + (shared.getPassword() == null ? "" : shared.getPassword()))) {
            assertThat(app.getBeanNamesForType(EmbeddedPostgresServer.class)).isEmpty();
            assertThat(dataDir.resolve("postgres")).doesNotExist();
            JdbcTemplate external = app.getBean(JdbcTemplate.class);
            assertThat(external.queryForObject("select current_database()", String.class)).isEqualTo(database);
            assertThat(external.queryForObject("select count(*) from flyway_schema_history where success",
                    Integer.class)).isPositive();
        }
    }
}
