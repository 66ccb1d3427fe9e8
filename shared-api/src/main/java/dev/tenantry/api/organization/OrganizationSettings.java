package dev.tenantry.api.organization;

import dev.tenantry.api.DomainException;

import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.Locale;

/**
 * Tenant-wide preferences. Validated here so that the aggregate and the API reject the same values.
 *
 * @param timeZone an IANA zone id, used when a tenant's dates are shown or grouped by day
 * @param locale   a BCP 47 language tag for the tenant's mails and documents
 */
public record OrganizationSettings(String timeZone, String locale) {

    public static final OrganizationSettings DEFAULTS = new OrganizationSettings("UTC", "en");

    public OrganizationSettings {
        if (timeZone == null || timeZone.isBlank()) {
            throw DomainException.invalid("invalid-time-zone", "settings.timeZone", "timeZone is required");
        }
        if (locale == null || locale.isBlank()) {
            throw DomainException.invalid("invalid-locale", "settings.locale", "locale is required");
        }
        // Region ids only: a fixed offset like "+02:00" ignores daylight saving, so days would be cut wrongly.
        if (!"UTC".equals(timeZone) && !ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw DomainException.invalid("invalid-time-zone", "settings.timeZone",
                    "timeZone '" + timeZone + "' is not a known IANA time zone");
        }
        try {
            new Locale.Builder().setLanguageTag(locale);
        } catch (IllformedLocaleException e) {
            throw DomainException.invalid("invalid-locale", "settings.locale",
                    "locale '" + locale + "' is not a BCP 47 language tag");
        }
    }

    /** This settings with the given values replacing the current ones; {@code null} keeps the current value. */
    public OrganizationSettings with(String newTimeZone, String newLocale) {
        return new OrganizationSettings(newTimeZone != null ? newTimeZone : timeZone,
                newLocale != null ? newLocale : locale);
    }
}
