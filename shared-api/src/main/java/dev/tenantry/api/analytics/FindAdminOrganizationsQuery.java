package dev.tenantry.api.analytics;

import dev.tenantry.api.DomainException;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.organization.OrganizationStatus;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Organizations for support work, newest first. Every filter is optional ({@code null}).
 *
 * @param text               part of the name or slug, case-insensitive; at most {@value #MAX_TEXT_LENGTH}
 *                           characters
 * @param page               0-based, at most {@value #MAX_PAGE}
 * @param size               1 to {@value #MAX_PAGE_SIZE}
 */
public record FindAdminOrganizationsQuery(String text,
                                          String plan,
                                          OrganizationStatus status,
                                          SubscriptionStatus subscriptionStatus,
                                          int page,
                                          int size) {

    public static final int MAX_TEXT_LENGTH = 100;
    public static final int MAX_PAGE_SIZE = 100;
    public static final int DEFAULT_PAGE_SIZE = 20;
    /** So that {@code page * size} stays an {@code int}. */
    public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_PAGE_SIZE;

    public FindAdminOrganizationsQuery {
        requireText(text);
        requireNumber("page", page, Integer.toString(page), 0, MAX_PAGE);
        requireNumber("size", size, Integer.toString(size), 1, MAX_PAGE_SIZE);
    }

    /**
     * The query as a client asks it, every part text; a blank filter is no filter. {@code plan} is one of
     * {@code planKeys} (the plans are configuration), the statuses are names of their constants in any case,
     * {@code page} 0 and {@code size} {@value #DEFAULT_PAGE_SIZE} when absent.
     */
    public static FindAdminOrganizationsQuery of(String text, String plan, String status, String subscriptionStatus,
                                                 String page, String size, List<String> planKeys) {
        requireText(text);
        if (!blank(plan) && !planKeys.contains(plan)) {
            throw DomainException.invalid("invalid-plan", "plan", "plan must be one of "
                    + String.join(", ", planKeys) + " (got " + plan + ")");
        }
        return new FindAdminOrganizationsQuery(text, blank(plan) ? null : plan,
                oneOf("status", status, OrganizationStatus.class),
                oneOf("subscriptionStatus", subscriptionStatus, SubscriptionStatus.class),
                number("page", page, 0, 0, MAX_PAGE),
                number("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE));
    }

    private static void requireText(String text) {
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            throw DomainException.invalid("invalid-query", "q", "q must be at most " + MAX_TEXT_LENGTH
                    + " characters");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** An enum constant by name, case-insensitive; null when absent. */
    private static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
        if (blank(value)) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().equals(value.trim().toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> DomainException.invalid("invalid-" + kebab(name), name, name + " must be one of "
                        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))
                        + " (got " + value + ")"));
    }

    private static int number(String name, String value, int absent, int min, int max) {
        if (blank(value)) {
            return absent;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            parsed = min - 1;
        }
        requireNumber(name, parsed, value, min, max);
        return parsed;
    }

    /** @param given the number as the client gave it */
    private static void requireNumber(String name, int number, String given, int min, int max) {
        if (number < min || number > max) {
            throw DomainException.invalid("invalid-" + name, name, name + " must be a whole number from " + min
                    + " to " + max + " (got " + given + ")");
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
