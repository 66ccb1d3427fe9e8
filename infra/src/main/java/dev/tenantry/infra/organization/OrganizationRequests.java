package dev.tenantry.infra.organization;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of /api/orgs. */
final class OrganizationRequests {

    private OrganizationRequests() {
    }

    record Settings(@Size(min = 1, max = 64) String timeZone,
                    @Size(min = 1, max = 35) String locale) {
    }

    record Create(@NotBlank @Size(max = 100) String name,
                  @Size(min = 1, max = 63) @Pattern(regexp = "^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$",
                          message = "must be lowercase letters, digits and dashes, starting and ending with a letter or digit")
                  String slug,
                  @Valid Settings settings) {
    }

    /** Every field optional; at least one must be given. */
    record Update(@Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
                  @Valid Settings settings) {
    }
}
