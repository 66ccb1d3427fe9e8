package dev.tenantry.api.organization;

import java.util.regex.Pattern;

/**
 * Feature keys: what a plan grants and what a platform admin overrides per organization. Lowercase so that
 * {@code Analytics} and {@code analytics} can never be two flags; the same alphabet as slugs so that a key is safe
 * in a URL path without encoding.
 */
public final class FeatureKeys {

    public static final int MAX_LENGTH = 63;
    public static final String FORMAT = "1-63 lowercase letters, digits or dashes, starting with a letter or digit";
    private static final Pattern VALID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    private FeatureKeys() {
    }

    public static boolean isValid(String key) {
        return key != null && VALID.matcher(key).matches();
    }
}
