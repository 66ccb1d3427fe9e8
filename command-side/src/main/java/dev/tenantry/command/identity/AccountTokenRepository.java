package dev.tenantry.command.identity;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.Optional;

interface AccountTokenRepository extends JpaRepository<AccountToken, String> {

    /** Locks the row: of two concurrent redemptions of one token, the second sees it used. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from AccountToken t where t.tokenHash = :hash and t.purpose = :purpose")
    Optional<AccountToken> findForUpdate(@Param("hash") String tokenHash,
                                         @Param("purpose") AccountToken.Purpose purpose);

    /** Only the newest link of a purpose works: issuing or redeeming one uses up the user's others. */
    @Modifying
    @Query("""
            update AccountToken t set t.usedAt = :at
            where t.userId = :user and t.purpose = :purpose and t.usedAt is null""")
    int useUpAll(@Param("user") String userId, @Param("purpose") AccountToken.Purpose purpose,
                 @Param("at") Instant at);
}
