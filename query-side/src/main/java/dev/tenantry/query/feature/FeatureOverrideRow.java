package dev.tenantry.query.feature;

import dev.tenantry.api.organization.FeatureOverrideView;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

@Entity
@Table(name = "feature_override_view")
@IdClass(FeatureOverrideRow.Key.class)
public class FeatureOverrideRow {

    @Id
    private String tenantId;
    @Id
    private String feature;
    private boolean enabled;
    private Instant overriddenAt;

    protected FeatureOverrideRow() {
    }

    FeatureOverrideRow(String tenantId, String feature, boolean enabled, Instant overriddenAt) {
        this.tenantId = tenantId;
        this.feature = feature;
        this.enabled = enabled;
        this.overriddenAt = overriddenAt;
    }

    void set(boolean value, Instant at) {
        enabled = value;
        overriddenAt = at;
    }

    FeatureOverrideView toView() {
        return new FeatureOverrideView(feature, enabled, overriddenAt);
    }

    public record Key(String tenantId, String feature) implements Serializable {

        public Key() {
            this(null, null);
        }
    }
}
