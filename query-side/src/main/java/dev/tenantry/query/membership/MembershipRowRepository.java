package dev.tenantry.query.membership;

import dev.tenantry.api.membership.MembershipStatus;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.List;

public interface MembershipRowRepository extends JpaRepository<MembershipRow, MembershipRow.Key> {

    List<MembershipRow> findByTenantIdAndStatusOrderByJoinedAtAsc(String tenantId, MembershipStatus status);

    List<MembershipRow> findByUserIdAndStatusOrderByJoinedAtAsc(String userId, MembershipStatus status);

    @Query("select m.role, count(m) from MembershipRow m where m.tenantId = :tenantId and m.status = 'ACTIVE' "
            + "group by m.role")
    List<Object[]> countActiveByRole(@Param("tenantId") String tenantId);
}
