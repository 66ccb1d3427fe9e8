package dev.tenantry.query.user;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Not tenant data: a person's public profile, shared by every organization they belong to. */
@Entity
@Table(name = "user_profile_view")
public class UserProfileRow {

    @Id
    private String userId;
    private String email;
    private String displayName;
    private Instant registeredAt;

    protected UserProfileRow() {
    }

    UserProfileRow(String userId, String email, String displayName, Instant registeredAt) {
        this.userId = userId;
        this.email = email;
        this.displayName = displayName;
        this.registeredAt = registeredAt;
    }

    public String getUserId() {
        return userId;
    }

    public String getEmail() {
        return email;
    }

    public String getDisplayName() {
        return displayName;
    }
}
