package dev.tenantry.infra.feature;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.api.DomainException;
import dev.tenantry.api.organization.FindOrganizationQuery;
import dev.tenantry.api.organization.OrganizationView;
import dev.tenantry.api.organization.OverrideFeatureCommand;
import dev.tenantry.api.organization.RemoveFeatureOverrideCommand;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.TenantAccess;
import dev.tenantry.query.feature.EffectiveFeatures;
import dev.tenantry.query.feature.EffectiveFeatures.FeatureSet;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/**
 * The effective features of an organization for its members, and platform admins' overrides. Overrides are events
 * on the Organization (so they are in the tenant's audit stream); the answer is read back from the read models.
 */
@RestController
@Tag(name = "Feature flags")
class FeatureController {

    private final CommandSender commands;
    private final QueryGateway queries;
    private final TenantAccess access;
    private final EffectiveFeatures features;

    FeatureController(CommandSender commands, QueryGateway queries, TenantAccess access, EffectiveFeatures features) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
        this.features = features;
    }

    @GetMapping("/api/orgs/{orgId}/features")
    @Operation(summary = "The organization's effective features: its plan's, changed by overrides (any member)")
    FeatureSet features(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        access.require(orgId, user);
        return features.of(orgId);
    }

    @GetMapping("/api/admin/orgs/{orgId}/features")
    @Operation(summary = "An organization's effective features and overrides (platform admin)")
    FeatureSet adminFeatures(@PathVariable String orgId) {
        requireOrganization(orgId);
        return features.of(orgId);
    }

    /**
     * The body is read as a tree rather than bound to a boolean, because Jackson would take {@code "yes"},
     * {@code "true"} or {@code 1} for a boolean; only JSON {@code true} and {@code false} are accepted.
     */
    @PutMapping("/api/admin/orgs/{orgId}/features/{key}")
    @Operation(summary = "Turn a feature on or off for one organization whatever its plan grants: {enabled} → "
            + "the effective features (platform admin)")
    FeatureSet override(@CurrentUser AuthenticatedUser admin, @PathVariable String orgId, @PathVariable String key,
                        @RequestBody(required = false) JsonNode body) {
        requireOrganization(orgId);
        JsonNode enabled = body == null || !body.isObject() ? null : body.get("enabled");
        if (enabled == null || enabled.isNull()) {
            throw DomainException.invalid("validation-failed", "enabled", "enabled is required: true or false");
        }
        if (!enabled.isBoolean()) {
            throw DomainException.invalid("invalid-value", "enabled",
                    "enabled must be true or false (got " + enabled + ")");
        }
        commands.send(new OverrideFeatureCommand(orgId, key, enabled.booleanValue(), admin.id()), admin.id());
        return features.of(orgId);
    }

    @DeleteMapping("/api/admin/orgs/{orgId}/features/{key}")
    @Operation(summary = "Remove an override, so that the plan decides again → the effective features (platform "
            + "admin); 404 when there is none")
    FeatureSet removeOverride(@CurrentUser AuthenticatedUser admin, @PathVariable String orgId,
                              @PathVariable String key) {
        requireOrganization(orgId);
        commands.send(new RemoveFeatureOverrideCommand(orgId, key, admin.id()), admin.id());
        return features.of(orgId);
    }

    /** Also keeps a command from reaching another aggregate type that happens to share the id. */
    private void requireOrganization(String orgId) {
        Optional<OrganizationView> organization = queries.query(new FindOrganizationQuery(orgId),
                ResponseTypes.optionalInstanceOf(OrganizationView.class)).join();
        if (organization.isEmpty()) {
            throw ApiException.notFound("organization-not-found", "No organization " + orgId);
        }
    }
}
