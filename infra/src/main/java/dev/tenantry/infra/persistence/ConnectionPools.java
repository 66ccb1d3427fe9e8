package dev.tenantry.infra.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.tenantry.infra.config.TenantryProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * One connection pool per {@link Workload}, behind one {@code DataSource} that everything uses (JPA, Axon,
 * JdbcTemplate, Flyway): the pool is chosen by the kind of work the calling thread does.
 * <p>
 * The data source hands out a connection lazily, at the first statement, not when a transaction begins. Axon
 * begins a command's transaction before it takes the aggregate's lock; with eager connections, commands queued on
 * one busy aggregate each held an idle connection while they waited, and the command holding the lock could then
 * find none left for its own work (a snapshot after commit): every request stalled until the pool's 30 s timeout.
 * <p>
 * Requests queue for their pool at a {@link ConnectionGate}, which lets a command that others wait for go first.
 * <p>
 * Every pool takes the {@code spring.datasource.hikari.*} settings; {@code tenantry.pools.*} sizes them.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionPools {

    @Bean(destroyMethod = "close")
    HikariDataSource requestsPool(Connections connections) {
        return connections.pool(Workload.REQUESTS);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource backgroundPool(Connections connections) {
        return connections.pool(Workload.BACKGROUND);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource streamsPool(Connections connections) {
        return connections.pool(Workload.STREAMS);
    }

    @Bean
    @Primary
    DataSource dataSource(HikariDataSource requestsPool, HikariDataSource backgroundPool,
                          HikariDataSource streamsPool) {
        AbstractRoutingDataSource routing = new AbstractRoutingDataSource() {
            @Override
            protected Object determineCurrentLookupKey() {
                return Workload.current();
            }
        };
        DataSource requests = new ConnectionGate(requestsPool.getMaximumPoolSize(),
                Duration.ofMillis(requestsPool.getConnectionTimeout())).guard(requestsPool);
        routing.setTargetDataSources(Map.of(Workload.REQUESTS, requests, Workload.BACKGROUND, backgroundPool,
                Workload.STREAMS, streamsPool));
        routing.setDefaultTargetDataSource(requests);
        routing.setLenientFallback(false);
        routing.afterPropertiesSet();
        // Told rather than asked, so that building the proxy does not take a connection before the database is up.
        LazyConnectionDataSourceProxy lazy = new LazyConnectionDataSourceProxy(routing);
        lazy.setDefaultAutoCommit(true);
        lazy.setDefaultTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return lazy;
    }

    @Bean
    Connections connections(ObjectProvider<EmbeddedPostgresServer> embedded, DataSourceProperties properties,
                            TenantryProperties tenantry, Environment environment) {
        EmbeddedPostgresServer server = embedded.getIfAvailable();
        return server != null
                ? new Connections(server.jdbcUrl("postgres"), server.username(), null, tenantry.pools(),
                environment)
                : new Connections(properties.determineUrl(), properties.determineUsername(),
                properties.determinePassword(), tenantry.pools(), environment);
    }

    /** Where the database is, and how each pool is made. */
    record Connections(String url, String username, String password, TenantryProperties.Pools sizes,
                       Environment environment) {

        HikariDataSource pool(Workload workload) {
            HikariDataSource pool = new HikariDataSource();
            Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
            pool.setJdbcUrl(url);
            pool.setUsername(username);
            pool.setPassword(password);
            pool.setPoolName("tenantry-" + workload.name().toLowerCase());
            pool.setMaximumPoolSize(switch (workload) {
                case REQUESTS -> sizes.requests();
                case BACKGROUND -> sizes.background();
                case STREAMS -> sizes.streams();
            });
            // Started now rather than at its first use, so that its meters are there from the start, a pool that
            // has served nothing yet included, and a database that cannot be reached fails the start.
            try (Connection ignored = pool.getConnection()) {
                return pool;
            } catch (SQLException e) {
                pool.close();
                throw new IllegalStateException("Could not connect to " + url + " for " + pool.getPoolName(), e);
            }
        }
    }
}
