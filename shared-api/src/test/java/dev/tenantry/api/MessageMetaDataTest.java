package dev.tenantry.api;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessageMetaDataTest {

    private record Renamed(String organizationId) implements TenantMessage {
    }

    private record SignedUp(String userId) {
    }

    @Test
    void theTenantEntryNamesTheTenant() {
        assertThat(MessageMetaData.tenantOf(Map.of("tenantId", "org-1"), new SignedUp("u-1"))).isEqualTo("org-1");
    }

    @Test
    void theEntryWinsOverThePayload() {
        assertThat(MessageMetaData.tenantOf(Map.of("tenantId", "org-1"), new Renamed("org-2"))).isEqualTo("org-1");
    }

    @Test
    void withoutTheEntryATenantsPayloadNamesIt() {
        assertThat(MessageMetaData.tenantOf(Map.of(), new Renamed("org-2"))).isEqualTo("org-2");
    }

    @Test
    void aMessageOfNoTenantsHasNone() {
        assertThat(MessageMetaData.tenantOf(Map.of("actorId", "u-1"), new SignedUp("u-1"))).isNull();
    }
}
