package dev.tenantry.command.identity;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.Optional;

interface RefreshTokenRepository extends JpaRepository<RefreshToken, String> {

    /** Locks the row: two concurrent refreshes with one token must not both succeed. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from RefreshToken t where t.tokenHash = :hash")
    Optional<RefreshToken> findForUpdate(@Param("hash") String tokenHash);

    @Modifying
    @Query("update RefreshToken t set t.revokedAt = :at where t.familyId = :family and t.revokedAt is null")
    int revokeFamily(@Param("family") String familyId, @Param("at") Instant at);

    /** When the sign-in began: the family's first token (used tokens are kept, revoked or not). */
    @Query("select min(t.createdAt) from RefreshToken t where t.familyId = :family")
    Instant signedInAt(@Param("family") String familyId);

    @Modifying
    @Query("update RefreshToken t set t.revokedAt = :at where t.userId = :user and t.revokedAt is null")
    int revokeAllOfUser(@Param("user") String userId, @Param("at") Instant at);
}
