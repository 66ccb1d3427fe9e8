package dev.tenantry.command;

import dev.tenantry.api.DomainException;

/** The rule for what people name things (organizations, workspaces): trimmed, not blank, bounded. */
public final class DisplayNames {

    private DisplayNames() {
    }

    /** The name trimmed, or an {@code invalid-name} refusal on the field {@code name}. */
    public static String requireValid(String name, int maxLength) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw DomainException.invalid("invalid-name", "name", "name must not be blank");
        }
        if (trimmed.length() > maxLength) {
            throw DomainException.invalid("invalid-name", "name", "name must be at most " + maxLength + " characters");
        }
        return trimmed;
    }
}
