package dev.tenantry.query.billing;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface SubscriptionRowRepository extends JpaRepository<SubscriptionRow, String> {

    List<SubscriptionRow> findByStripeCustomerIdIsNotNullOrderByTenantId();
}
