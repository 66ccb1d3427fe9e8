package dev.tenantry.infra.web;

import com.zaxxer.hikari.HikariDataSource;
import dev.tenantry.TenantryApplication;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one database count one client's requests together: a client that spreads its registrations over
 * both gets the same 20 an hour as one that uses a single node (the counters are in PostgreSQL, not in either JVM).
 */
@IntegrationTest
class RateLimitsAcrossNodesTest {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @TempDir
    Path otherNodesData;

    @Test
    void aClientSpreadingItsRegistrationsOverTwoNodesGetsTwentyInAll() throws SQLException {
        HikariDataSource database = dataSource.unwrap(HikariDataSource.class);
        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(TenantryApplication.class).run(
                "--tenantry.data-dir=" + otherNodesData, "--server.port=0", "--tenantry.node-id=rate-limits-other",
                "--spring.datasource.url=" + database.getJdbcUrl(),
                "--spring.datasource.username=" + database.getUsername(),
                "--spring.datasource.password=" + database.getPassword())) {
            ApiClient here = new ApiClient(port);
            ApiClient there = new ApiClient(((WebServerApplicationContext) other).getWebServer().getPort());
            String address = "198.51.100." + (1 + ThreadLocalRandom.current().nextInt(254));

            for (int i = 0; i < 10; i++) {
                assertThat(register(here, address).status()).isEqualTo(201);
                assertThat(register(there, address).status()).isEqualTo(201);
            }

            Response refusedThere = register(there, address);
            assertThat(refusedThere.status()).isEqualTo(429);
            assertThat(refusedThere.text("code")).isEqualTo("rate-limited");
            assertThat(register(here, address).status()).isEqualTo(429);
        }
    }

    private static Response register(ApiClient api, String address) {
        String email = ApiClient.uniqueEmail("spread");
        return api.sendRawWithHeaders("POST", "/api/auth/register", Map.of(ApiClient.FORWARDED_FOR, address),
                "{\"email\":\"" + email + "\",\"password\":\"" + ApiClient.PASSWORD + "\",\"displayName\":\"Spread\"}");
    }
}
