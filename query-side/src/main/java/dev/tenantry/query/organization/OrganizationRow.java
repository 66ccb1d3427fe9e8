package dev.tenantry.query.organization;

import dev.tenantry.api.organization.OrganizationSettings;
import dev.tenantry.api.organization.OrganizationStatus;
import dev.tenantry.api.organization.OrganizationView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "organization_view")
public class OrganizationRow {

    @Id
    @Column(name = "tenant_id")
    private String tenantId;
    private String name;
    private String slug;
    @Enumerated(EnumType.STRING)
    private OrganizationStatus status;
    private String ownerId;
    private String timeZone;
    private String locale;
    private Integer seatLimit;
    private Instant createdAt;
    private Instant updatedAt;

    protected OrganizationRow() {
    }

    OrganizationRow(String tenantId, String name, String slug, String ownerId, OrganizationSettings settings,
                    Instant createdAt) {
        this.tenantId = tenantId;
        this.name = name;
        this.slug = slug;
        this.ownerId = ownerId;
        this.status = OrganizationStatus.ACTIVE;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        settings(settings, createdAt);
    }

    void rename(String newName, Instant at) {
        this.name = newName;
        this.updatedAt = at;
    }

    void settings(OrganizationSettings settings, Instant at) {
        this.timeZone = settings.timeZone();
        this.locale = settings.locale();
        this.updatedAt = at;
    }

    void transferOwnership(String newOwnerId, Instant at) {
        this.ownerId = newOwnerId;
        this.updatedAt = at;
    }

    void seatLimit(Integer limit, Instant at) {
        this.seatLimit = limit;
        this.updatedAt = at;
    }

    public Integer getSeatLimit() {
        return seatLimit;
    }

    void close(Instant at) {
        this.status = OrganizationStatus.CLOSED;
        this.updatedAt = at;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getName() {
        return name;
    }

    public String getSlug() {
        return slug;
    }

    public OrganizationStatus getStatus() {
        return status;
    }

    OrganizationView toView() {
        return new OrganizationView(tenantId, name, slug, status, ownerId,
                new OrganizationSettings(timeZone, locale), createdAt, updatedAt);
    }
}
