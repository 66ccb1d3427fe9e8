package dev.tenantry.api;

/**
 * A command or event that belongs to one tenant. The application copies {@link #organizationId()} into the
 * {@code tenantId} metadata entry so that every stored event can be attributed to its tenant without reading
 * its payload.
 */
public interface TenantMessage {

    String organizationId();
}
