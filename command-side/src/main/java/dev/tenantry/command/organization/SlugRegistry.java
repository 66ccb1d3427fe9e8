package dev.tenantry.command.organization;

/**
 * Command-side lookup that makes slugs unique across organizations. Events cannot enforce a set-wide rule,
 * so the claim is written in the same transaction as the creating event: of two concurrent creates with one
 * slug, exactly one commits.
 */
public interface SlugRegistry {

    /**
     * Claims the slug for the organization.
     *
     * @return {@code false} if another organization holds it (a concurrent claimant has committed first)
     */
    boolean tryClaim(String slug, String organizationId);
}
