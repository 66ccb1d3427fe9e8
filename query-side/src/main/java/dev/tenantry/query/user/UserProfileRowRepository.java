package dev.tenantry.query.user;

import org.springframework.data.jpa.repository.JpaRepository;

public interface UserProfileRowRepository extends JpaRepository<UserProfileRow, String> {
}
