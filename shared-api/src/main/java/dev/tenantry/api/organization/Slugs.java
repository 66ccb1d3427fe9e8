package dev.tenantry.api.organization;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Organization slugs: the URL-safe, globally unique handle of a tenant. */
public final class Slugs {

    public static final int MAX_LENGTH = 63;
    private static final Pattern VALID = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");

    private Slugs() {
    }

    public static boolean isValid(String slug) {
        return slug != null && VALID.matcher(slug).matches() && !slug.contains("--");
    }

    /** "Ça Va, Inc." becomes "ca-va-inc"; a name with nothing usable becomes "org". */
    public static String derive(String name) {
        String ascii = DIACRITICS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
        String slug = NON_ALPHANUMERIC.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = trimDashes(slug);
        if (slug.length() > MAX_LENGTH - 4) {
            // Leave room for a "-NNN" suffix when the derived slug is taken.
            slug = trimDashes(slug.substring(0, MAX_LENGTH - 4));
        }
        return slug.isEmpty() ? "org" : slug;
    }

    /** The n-th alternative for a derived slug that is taken: "acme", then "acme-2", "acme-3" … */
    public static String candidate(String base, int attempt) {
        return attempt <= 1 ? base : base + "-" + attempt;
    }

    private static String trimDashes(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == '-') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == '-') {
            end--;
        }
        return value.substring(start, end);
    }
}
