package dev.tenantry.api;

import java.util.Objects;

/**
 * A rule of the domain refused a command. The {@link #code()} is stable (clients and the problem {@code type}
 * URI are built from it); {@link #field()} names the offending input where there is one.
 */
public class DomainException extends RuntimeException {

    /** What kind of refusal this is; the application maps it to an HTTP status. */
    public enum Kind {
        INVALID, FORBIDDEN, NOT_FOUND, CONFLICT, GONE,
        /** The credentials presented (password, refresh token, account) do not hold. */
        UNAUTHENTICATED,
        /** Too many attempts in too short a time; the same may succeed later. */
        TOO_MANY_ATTEMPTS
    }

    private final Kind kind;
    private final String code;
    private final String field;

    public DomainException(Kind kind, String code, String message, String field) {
        super(message);
        this.kind = Objects.requireNonNull(kind);
        this.code = Objects.requireNonNull(code);
        this.field = field;
    }

    public static DomainException invalid(String code, String field, String message) {
        return new DomainException(Kind.INVALID, code, message, field);
    }

    public static DomainException forbidden(String code, String message) {
        return new DomainException(Kind.FORBIDDEN, code, message, null);
    }

    public static DomainException unauthenticated(String code, String message) {
        return new DomainException(Kind.UNAUTHENTICATED, code, message, null);
    }

    public static DomainException conflict(String code, String message) {
        return new DomainException(Kind.CONFLICT, code, message, null);
    }

    public static DomainException conflict(String code, String field, String message) {
        return new DomainException(Kind.CONFLICT, code, message, field);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
