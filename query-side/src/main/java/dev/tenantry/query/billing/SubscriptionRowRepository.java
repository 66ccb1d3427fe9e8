package dev.tenantry.query.billing;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SubscriptionRowRepository extends JpaRepository<SubscriptionRow, String> {
}
