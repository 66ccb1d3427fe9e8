package dev.tenantry.query.organization;

import org.springframework.data.jpa.repository.JpaRepository;

public interface OrganizationRowRepository extends JpaRepository<OrganizationRow, String> {
}
