package dev.tenantry.infra.audit;

import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.Team;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** AUDITOR: reads the audit endpoints and what a VIEWER reads, manages nothing, and sees nothing of billing. */
@IntegrationTest
class AuditorRoleTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandSender commands;

    @Test
    void anAuditorReadsTheAuditStreamAndNothingElseThatIsPrivileged() {
        ApiClient api = new ApiClient(port);
        Team team = new Team(api, commands);
        User owner = api.register("Olive Owner");
        String orgId = api.createOrganization(owner, "Audited By Auditors Co");
        User auditor = team.join(orgId, owner, Role.AUDITOR, "Ari Auditor");
        User member = team.join(orgId, owner, Role.MEMBER, "Mia Member");
        String org = "/api/orgs/" + orgId;

        for (String path : new String[]{"/audit/events", "/audit/head", "/audit/verify", "/audit/export"}) {
            assertThat(api.get(org + path, auditor.accessToken()).status()).as(path).isEqualTo(200);
            assertThat(api.get(org + path, member.accessToken()).status()).as(path).isEqualTo(403);
        }
        assertThat(api.get(org, auditor.accessToken()).status()).isEqualTo(200);
        assertThat(api.get(org + "/members", auditor.accessToken()).status()).isEqualTo(200);
        assertThat(api.get(org + "/features", auditor.accessToken()).status()).isEqualTo(200);
        assertThat(api.get(org + "/billing", auditor.accessToken()).status()).isEqualTo(403);
        assertThat(api.get(org + "/invitations", auditor.accessToken()).status()).isEqualTo(403);
        assertThat(api.patch(org, auditor.accessToken(), Map.of("name", "Renamed By Auditor")).status())
                .isEqualTo(403);
        assertThat(api.post(org + "/invitations", auditor.accessToken(),
                Map.of("email", Team.newEmail("someone"), "role", "MEMBER")).status()).isEqualTo(403);
        assertThat(api.get(org + "/dashboard", owner.accessToken()).body().at("/membersByRole/AUDITOR").asInt())
                .isEqualTo(1);
    }
}
