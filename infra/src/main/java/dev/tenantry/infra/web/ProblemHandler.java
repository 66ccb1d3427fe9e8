package dev.tenantry.infra.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.tenantry.api.DomainException;
import dev.tenantry.command.billing.BillingGatewayException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.ConcurrencyException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every error leaves as an RFC 9457 problem with a stable {@code type}, and names the offending field where there
 * is one. Nothing a client sends may produce a 500.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case GONE -> HttpStatus.GONE;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case TOO_MANY_ATTEMPTS -> HttpStatus.TOO_MANY_REQUESTS;
        };
        ProblemDetail problem = Problems.problem(status, e.code(), status.getReasonPhrase(), e.getMessage());
        if (e.field() != null) {
            problem.setProperty("field", e.field());
            problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        }
        return respond(problem);
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletResponse response) {
        if (e.field() != null) {
            return respond(fieldProblem(e.code(), e.field(), e.getMessage()));
        }
        // Set, not added: a refusal's RateLimit-* replace those of a limit the request had passed before.
        e.headers().forEach(response::setHeader);
        return respond(Problems.problem(e.status(), e.code(), e.title(), e.getMessage()));
    }

    /** Two commands raced on one aggregate and this one lost; the client may retry. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrency(ConcurrencyException e) {
        return respond(Problems.problem(HttpStatus.CONFLICT, "concurrent-modification", "Conflict",
                "The resource was changed by another request at the same time; retry"));
    }

    /** The aggregate was busy for longer than a client should wait (tenantry.commands.lock-timeout): nothing changed. */
    @ExceptionHandler(LockAcquisitionFailedException.class)
    ResponseEntity<ProblemDetail> busy(LockAcquisitionFailedException e) {
        log.warn("Command refused: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Service unavailable",
                        "Too many changes to this resource at once; nothing was changed, try again shortly"));
    }

    /** Stripe failed: 503 when trying again later may work, 502 when Stripe refused the request. */
    @ExceptionHandler(BillingGatewayException.class)
    ResponseEntity<ProblemDetail> billingGateway(BillingGatewayException e) {
        return e.isRetryable()
                ? respond(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "stripe-unavailable", "Service unavailable",
                "Stripe could not be reached; try again later"))
                : refused(e);
    }

    /** Stripe's message names its objects and our account: it goes to the log, the client gets our own words. */
    private static ResponseEntity<ProblemDetail> refused(BillingGatewayException e) {
        log.warn("Stripe refused a request: {}", e.getMessage());
        return respond(Problems.problem(HttpStatus.BAD_GATEWAY, "stripe-refused", "Bad gateway",
                "Stripe refused the request; nothing was changed. If this persists, contact support"));
    }

    /**
     * Spring Security's firewall checks parameter names and values only when they are first read (here, in an
     * interceptor), so its refusal of a control character arrives as an exception rather than at the firewall's
     * handler: the same problem as there.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        return respond(Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request", "Bad request",
                "The request URL is malformed: a parameter's name or value holds a character that is not allowed"));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e) {
        return respond(Problems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such resource"));
    }

    /** A handler's exception that crossed a distributed command bus arrives wrapped, with the original's details. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandExecution(CommandExecutionException e) {
        if (e.getCause() instanceof DomainException domainException) {
            return domain(domainException);
        }
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return respond(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "Something went wrong on our side; the request changed nothing that it reported"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .sorted(Comparator.comparing(FieldError::getField))
                .map(error -> Map.of("field", error.getField(),
                        "message", error.getField() + " " + error.getDefaultMessage()))
                .toList();
        String detail = errors.stream().map(error -> error.get("message")).collect(Collectors.joining("; "));
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "validation-failed", "Invalid request",
                detail.isEmpty() ? "The request is invalid" : detail);
        if (!errors.isEmpty()) {
            problem.setProperty("field", errors.get(0).get("field"));
        }
        problem.setProperty("errors", errors);
        return problemEntity(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = e.getCause();
        JsonProcessingException syntaxError = syntaxError(cause);
        ProblemDetail problem;
        BodyLimits.TooLarge tooLarge = causeOfType(e, BodyLimits.TooLarge.class);
        StreamConstraintsException overLimit = causeOfType(e, StreamConstraintsException.class);
        NulCharacters.Refused nul = causeOfType(cause, NulCharacters.Refused.class);
        if (tooLarge != null) {
            problem = BodyLimits.problem(tooLarge.limit);
        } else if (overLimit != null) {
            // Jackson's message, without its pointer to the setting that a client cannot change anyway.
            problem = Problems.problem(HttpStatus.BAD_REQUEST, "json-limit-exceeded", "JSON over a limit",
                    overLimit.getOriginalMessage().replaceAll(", from `[^`]*`", ""));
        } else if (nul != null) {
            String field = path(nul).isEmpty() ? "body" : path(nul);
            problem = fieldProblem(NulCharacters.CODE, field, NulCharacters.detail(field));
        } else if (syntaxError != null) {
            problem = Problems.problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    "The request body is not valid JSON: " + syntaxError.getOriginalMessage());
        } else if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String field = path(invalid);
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            problem = fieldProblem("invalid-value", field,
                    field + " must be one of " + allowed + " (got " + invalid.getValue() + ")");
        } else if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            problem = fieldProblem("unknown-field", field, field + " is not a known field");
        } else if (cause instanceof MismatchedInputException trailing && trailing.getPath().isEmpty()
                && String.valueOf(trailing.getOriginalMessage()).startsWith("Trailing token")) {
            problem = Problems.problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    "The request body has content after its JSON value");
        } else if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            String field = path(mismatched);
            problem = fieldProblem("invalid-value", field, field + " has the wrong type");
        } else {
            problem = Problems.problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body",
                    "The request body is missing or not the expected JSON object");
        }
        return problemEntity(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        if (e.getRequiredType() == Instant.class) {
            return respond(fieldProblem("invalid-value", e.getName(),
                    e.getName() + " must be " + RequestShapes.INSTANT_RANGE));
        }
        return respond(fieldProblem("invalid-value", e.getName(), e.getName() + " has an invalid value"));
    }

    /**
     * Problems from Spring MVC's own handling (404 route, 405, 415 …) keep their status but get our type. Spring
     * passes no body for those and builds it in the super method, so the type is set on what that returns.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && problem.getType().toString().equals("about:blank")) {
            String code = HttpStatus.valueOf(statusCode.value()).name().toLowerCase().replace('_', '-');
            problem.setType(Problems.type(code));
            problem.setProperty("code", code);
        }
        return response;
    }

    /**
     * The JSON syntax error behind an unreadable body, if that is what it is. Jackson reports one found inside a
     * property's value (an unterminated string, say) wrapped in a {@link JsonMappingException} with that property's
     * path, so the whole cause chain is searched and not just the first cause.
     */
    private static JsonProcessingException syntaxError(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException json && !(t instanceof JsonMappingException)) {
                return json;
            }
        }
        return null;
    }

    private static <T extends Throwable> T causeOfType(Throwable cause, Class<T> type) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static ProblemDetail fieldProblem(String code, String field, String detail) {
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, code, "Invalid request", detail);
        problem.setProperty("field", field);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        return problem;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<Object> problemEntity(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
