package dev.tenantry.query.feature;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface FeatureOverrideRowRepository extends JpaRepository<FeatureOverrideRow, FeatureOverrideRow.Key> {

    List<FeatureOverrideRow> findByTenantIdOrderByFeature(String tenantId);
}
