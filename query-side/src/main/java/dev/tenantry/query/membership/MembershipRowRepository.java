package dev.tenantry.query.membership;

import dev.tenantry.api.membership.MembershipStatus;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface MembershipRowRepository extends JpaRepository<MembershipRow, MembershipRow.Key> {

    List<MembershipRow> findByTenantIdAndStatusOrderByJoinedAtAsc(String tenantId, MembershipStatus status);

    List<MembershipRow> findByUserIdAndStatusOrderByJoinedAtAsc(String userId, MembershipStatus status);
}
