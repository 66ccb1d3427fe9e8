package dev.tenantry.infra.axon;

import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organizations stay cached between commands, which is safe when another node changes one meanwhile: the command
 * decided on the cached state clashes with the other node's event, is sent again on the fresh state, and succeeds.
 */
@IntegrationTest
class AggregateCacheTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCommandOnACachedOrganizationThatAnotherNodeRenamedMeanwhileIsDecidedOnTheOtherNodesName() {
        ApiClient api = new ApiClient(port);
        ApiClient.User owner = api.register("Cora");
        String orgId = api.createOrganization(owner, "Cache Co");
        assertThat(api.patch("/api/orgs/" + orgId, owner.accessToken(), Map.of("name", "Cache Co 2")).status())
                .isEqualTo(200);

        // Another node renames it: its event is in the store, this node's cached organization does not know it.
        jdbc.update("""
                insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                    type, payload_type, payload_revision, payload, meta_data, time_stamp)
                select nextval('domain_event_entry_global_index_seq'), ?, aggregate_identifier, sequence_number + 1,
                    type, payload_type, payload_revision,
                    convert_to(replace(replace(convert_from(payload, 'UTF8'), '"Cache Co 2"', '"Elsewhere Co"'),
                        '"Cache Co"', '"Cache Co 2"'), 'UTF8'),
                    meta_data, time_stamp
                from domain_event_entry where aggregate_identifier = ? order by sequence_number desc limit 1""",
                UUID.randomUUID().toString(), orgId);

        ApiClient.Response renamed = api.patch("/api/orgs/" + orgId, owner.accessToken(),
                Map.of("name", "Cache Co 3"));

        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(jdbc.queryForList("""
                select convert_from(payload, 'UTF8') from domain_event_entry
                where aggregate_identifier = ? order by sequence_number desc limit 2""", String.class, orgId))
                .satisfiesExactly(
                        last -> assertThat(last).contains("\"name\":\"Cache Co 3\"", "\"previousName\":\"Elsewhere Co\""),
                        otherNodes -> assertThat(otherNodes).contains("\"name\":\"Elsewhere Co\""));
    }
}
