package dev.tenantry.infra.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.Map;

/** A refusal decided in the web layer (authentication, tenant access, availability), answered as a problem. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String title;
    private final String field;
    private final Map<String, String> headers;

    public ApiException(HttpStatus status, String code, String title, String detail) {
        this(status, code, title, detail, null, Map.of());
    }

    /** A refusal whose answer carries these headers too (e.g. {@code Retry-After}). */
    public ApiException(HttpStatus status, String code, String title, String detail, Map<String, String> headers) {
        this(status, code, title, detail, null, headers);
    }

    private ApiException(HttpStatus status, String code, String title, String detail, String field,
                         Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException notFound(String code, String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, code, "Not found", detail);
    }

    public static ApiException forbidden(String code, String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, code, "Forbidden", detail);
    }

    public static ApiException unauthorized(String code, String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, code, "Unauthorized", detail);
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, "Bad request", detail);
    }

    /** A bad value of one named field or parameter; the problem names it in {@code field} and {@code errors}. */
    public static ApiException invalidField(String code, String field, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, "Invalid request", detail, field, Map.of());
    }

    /**
     * Over a limit of work that may run at once: nothing was done, and the same request may succeed once some of
     * that work has ended; the answer's Retry-After says when to try.
     */
    public static ApiException tooManyRequests(String code, String title, String detail, Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, code, title, detail, null,
                Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds())));
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, "Conflict", detail);
    }

    /** The service cannot do this here and now (e.g. a feature that is not configured); nothing the client can fix. */
    public static ApiException serviceUnavailable(String code, String detail) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, code, "Service unavailable", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The field or parameter at fault, or {@code null}. */
    public String field() {
        return field;
    }
}
