package dev.tenantry.query.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash format, pinned byte for byte: chains already stored must still verify, and an auditor's own
 * implementation of the README's definition must keep agreeing with ours (the hashes were checked with sha256sum).
 */
class AuditHashingTest {

    private static final String TENANT = "0b7e6a1c-3f52-4d8e-9a41-5c2f0e8d7b16";

    private static AuditEntry entry(String previousHash) {
        return new AuditEntry(TENANT, 7, 4242, "5d1f3a8e-2b64-4c07-8e19-a3f6b2c9d051",
                "dev.tenantry.api.organization.OrganizationRenamedEvent", "1", "Organization", TENANT, 3L,
                "user-1", Instant.parse("2026-01-02T03:04:05.123456Z"), "corr-1", "cause-1", null,
                "{\"name\":\"Acme Ltd\",\"organizationId\":\"" + TENANT + "\"}", previousHash, null);
    }

    @Test
    void eachTenantsChainStartsFromTheHashOfItsId() {
        assertThat(AuditHashing.genesis(TENANT)).isEqualTo(
                "c28083cb3574955829342e78cb72a1bfed7bfb6725c9cf26c468b20f2a34825d");
    }

    @Test
    void theCanonicalJsonHasSortedKeysNullsAndIsoInstantsWithoutTheHashes() {
        assertThat(AuditHashing.canonicalJson(entry("ignored"))).isEqualTo("{\"actorId\":\"user-1\","
                + "\"aggregateId\":\"0b7e6a1c-3f52-4d8e-9a41-5c2f0e8d7b16\",\"aggregateSequence\":3,"
                + "\"aggregateType\":\"Organization\",\"causationId\":\"cause-1\",\"correlationId\":\"corr-1\","
                + "\"eventId\":\"5d1f3a8e-2b64-4c07-8e19-a3f6b2c9d051\",\"eventRevision\":\"1\","
                + "\"eventType\":\"dev.tenantry.api.organization.OrganizationRenamedEvent\",\"globalIndex\":4242,"
                + "\"occurredAt\":\"2026-01-02T03:04:05.123456Z\","
                + "\"payload\":\"{\\\"name\\\":\\\"Acme Ltd\\\","
                + "\\\"organizationId\\\":\\\"0b7e6a1c-3f52-4d8e-9a41-5c2f0e8d7b16\\\"}\","
                + "\"sequence\":7,\"stripeEventId\":null,\"tenantId\":\"0b7e6a1c-3f52-4d8e-9a41-5c2f0e8d7b16\"}");
    }

    @Test
    void theHashCoversThePreviousHashAndTheCanonicalJson() {
        assertThat(AuditHashing.hash(entry(AuditHashing.genesis(TENANT)))).isEqualTo(
                "c0839070470827cc8e2be427467e1ea6369cf81913b1f2a59069114d44d85ac9");
    }

    @Test
    void theAuditPayloadRedactsSecretsAtAnyDepthAndSortsKeys() {
        byte[] stored = ("{\"z\":1,\"tokenHash\":\"abc\",\"invitee\":{\"password\":\"p\",\"email\":\"a@b.c\"},"
                + "\"list\":[{\"secret\":\"s\"}]}").getBytes(StandardCharsets.UTF_8);
        assertThat(AuditHashing.auditPayload(stored)).isEqualTo("{\"invitee\":{\"email\":\"a@b.c\","
                + "\"password\":\"[redacted]\"},\"list\":[{\"secret\":\"[redacted]\"}],\"tokenHash\":\"[redacted]\",\"z\":1}");
    }
}
