package dev.tenantry.infra.persistence;

import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class SchemaTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void noColumnIsALargeObjectOid() {
        List<String> oidColumns = jdbc.queryForList("""
                select table_name || '.' || column_name from information_schema.columns
                where table_schema = current_schema() and data_type = 'oid'""", String.class);
        assertThat(oidColumns).isEmpty();
        // The columns Hibernate would have made oid are bytea, so the check above looked at the right tables.
        assertThat(jdbc.queryForList("""
                select table_name || '.' || column_name from information_schema.columns
                where table_schema = current_schema() and data_type = 'bytea'""", String.class))
                .contains("domain_event_entry.payload", "domain_event_entry.meta_data", "token_entry.token",
                        "saga_entry.serialized_saga", "snapshot_event_entry.payload");
    }

    @Test
    void globalIndexHasItsOwnSequenceWithIncrementOne() {
        Long increment = jdbc.queryForObject("""
                select increment::bigint from information_schema.sequences
                where sequence_schema = current_schema() and sequence_name = 'domain_event_entry_global_index_seq'""",
                Long.class);
        assertThat(increment).isEqualTo(1L);
    }

    @Test
    void flywayOwnsTheWholeSchema() {
        List<String> migrations = jdbc.queryForList(
                "select script from flyway_schema_history where success order by installed_rank", String.class);
        assertThat(migrations).startsWith("V1__axon_event_store.sql");
        List<String> tables = jdbc.queryForList("""
                select table_name from information_schema.tables
                where table_schema = current_schema() and table_type = 'BASE TABLE'""", String.class);
        assertThat(tables).contains("domain_event_entry", "token_entry", "saga_entry", "association_value_entry",
                "snapshot_event_entry", "organization_slug", "user_account", "refresh_token", "organization_view",
                "membership_view");
    }
}
