package dev.tenantry.infra.identity;

import dev.tenantry.api.organization.FindOrganizationsOfUserQuery;
import dev.tenantry.command.identity.Accounts;
import dev.tenantry.command.identity.UserAccount;
import dev.tenantry.api.organization.UserOrganizationView;
import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Authentication")
class MeController {

    private final Accounts accounts;
    private final QueryGateway queries;

    MeController(Accounts accounts, QueryGateway queries) {
        this.accounts = accounts;
        this.queries = queries;
    }

    record Me(String id, String email, String displayName, boolean emailVerified, boolean platformAdmin,
              List<UserOrganizationView> organizations) {
    }

    @GetMapping("/api/me")
    @Operation(summary = "The signed-in user and the organizations they belong to, with their role")
    Me me(@CurrentUser AuthenticatedUser user) {
        UserAccount account = accounts.user(user.id());
        List<UserOrganizationView> organizations = queries.query(new FindOrganizationsOfUserQuery(user.id()),
                ResponseTypes.multipleInstancesOf(UserOrganizationView.class)).join();
        return new Me(account.id(), account.email(), account.displayName(), account.emailVerified(),
                user.platformAdmin(), organizations);
    }
}
