package dev.tenantry.infra.apidocs;

import dev.tenantry.infra.security.PublicEndpoints;
import dev.tenantry.infra.web.CorrelationIdFilter;
import dev.tenantry.infra.web.RateLimits;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the OpenAPI document says of every operation, from the rules that make it so rather than per controller:
 * the problem answers a request of its kind can get (a filter, the security chain or the problem handler answers
 * them before or around any controller), whether it needs a bearer token ({@link PublicEndpoints}), and the
 * headers every answer carries. Operations add what is theirs alone: their success answers ({@code @ApiResponse},
 * {@code @ResponseStatus}) and their own problems ({@link ProblemResponse}).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_MEDIA_TYPE = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String BEARER = "bearer";

    private static final String RATE_LIMIT_HEADER = "RateLimit";

    /** Reads each operation's {@link ProblemResponse}s; their content is set with every other problem below. */
    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handlerMethod) -> {
            for (ProblemResponse problem : AnnotatedElementUtils.findMergedRepeatableAnnotations(
                    handlerMethod.getMethod(), ProblemResponse.class)) {
                ApiResponses responses = responses(operation);
                String status = String.valueOf(problem.status());
                ApiResponse response = responses.computeIfAbsent(status,
                        key -> new ApiResponse().description(reason(problem.status())));
                if (problem.codes().length > 0) {
                    response.description(response.getDescription() + ": " + String.join(", ", problem.codes()));
                }
            }
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer sharedContract() {
        return openApi -> {
            components(openApi);
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> shared(path, method, operation)));
        };
    }

    private static void components(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("The access token from /api/auth/register, login or refresh"));
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema());
        components.addSchemas(PROBLEM, new ObjectSchema()
                .description("An RFC 9457 problem; clients branch on code (or type, which ends with it)")
                .addProperty("type", new StringSchema().format("uri").example("https://tenantry.dev/problems/validation-failed"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().example("validation-failed"))
                .addProperty("field", new StringSchema().description("The offending field, parameter or header"))
                .addProperty("errors", new ArraySchema().items(fieldError))
                .required(List.of("type", "title", "status", "code")));
    }

    private static void shared(String path, PathItem.HttpMethod method, Operation operation) {
        HttpMethod httpMethod = HttpMethod.valueOf(method.name());
        boolean api = path.startsWith("/api/");
        boolean open = PublicEndpoints.isPublic(httpMethod, path);
        boolean stream = PublicEndpoints.isStream(httpMethod, path);

        if (!open) {
            operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
        } else if (stream) {
            // A bearer token, or ?ticket= instead of one: the stream checks that one of the two is there.
            operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement()));
        } else {
            operation.setSecurity(List.of());
        }

        Set<HttpStatus> shared = new LinkedHashSet<>();
        // Malformed URLs, parameters, bodies and characters that no endpoint takes.
        shared.add(HttpStatus.BAD_REQUEST);
        if (!open || stream) {
            shared.add(HttpStatus.UNAUTHORIZED);
            shared.add(HttpStatus.FORBIDDEN);
        }
        if (path.contains("{")) {
            // Whoever is not a member of an organization, and any id that names nothing.
            shared.add(HttpStatus.NOT_FOUND);
        }
        if (method != PathItem.HttpMethod.GET) {
            // A closed organization, a state that does not allow the change, two commands racing on one aggregate.
            shared.add(HttpStatus.CONFLICT);
        }
        if (method != PathItem.HttpMethod.GET) {
            // A body is refused by its size or media type before any controller, whether the operation reads one.
            shared.add(HttpStatus.PAYLOAD_TOO_LARGE);
            shared.add(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        }
        if (api) {
            shared.add(HttpStatus.TOO_MANY_REQUESTS);
        }
        // A fault of ours (internal-error): still a problem, never a stack trace.
        shared.add(HttpStatus.INTERNAL_SERVER_ERROR);
        // The database or Stripe is out of reach, or one resource is too busy: nothing changed, try again.
        shared.add(HttpStatus.SERVICE_UNAVAILABLE);

        ApiResponses responses = responses(operation);
        for (HttpStatus status : shared) {
            responses.computeIfAbsent(String.valueOf(status.value()), key -> new ApiResponse().description(reason(status.value())));
        }
        // Sorted by status, successes first, as a reader looks for them.
        Map<String, ApiResponse> sorted = new TreeMap<>(responses);
        if (sorted.keySet().stream().anyMatch(code -> !code.chars().allMatch(Character::isDigit))) {
            throw new IllegalStateException(operation.getOperationId() + ": every answer has its own status, no default");
        }
        responses.clear();
        responses.putAll(sorted);

        responses.forEach((code, response) -> {
            int status = Integer.parseInt(code);
            if (status >= 400) {
                response.setContent(new Content().addMediaType(PROBLEM_MEDIA_TYPE,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
            header(response, CorrelationIdFilter.HEADER, true,
                    "The request's correlation id: the one sent, when acceptable, else a new one");
            if (api) {
                boolean limited = status == HttpStatus.TOO_MANY_REQUESTS.value();
                header(response, RateLimits.LIMIT, limited, "Requests per period of the tightest limit passed");
                header(response, RateLimits.REMAINING, limited, "Requests left of it");
                header(response, RateLimits.RESET, limited, "Seconds until it is full again");
                if (limited) {
                    // Always with rate-limited; a cap on open things (too-many-streams) frees up when one closes.
                    header(response, HttpHeaders.RETRY_AFTER, false, "Seconds until a request may pass");
                }
            }
            if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
                header(response, HttpHeaders.RETRY_AFTER, false, "Seconds after which to try again, when known");
            }
            if (status == HttpStatus.UNAUTHORIZED.value()) {
                header(response, HttpHeaders.WWW_AUTHENTICATE, false, "Bearer");
            }
        });
    }

    private static void header(ApiResponse response, String name, boolean required, String description) {
        if (response.getHeaders() != null && response.getHeaders().containsKey(name)) {
            return;
        }
        Schema<?> schema = name.startsWith(RATE_LIMIT_HEADER) || HttpHeaders.RETRY_AFTER.equals(name)
                ? new IntegerSchema() : new StringSchema();
        response.addHeaderObject(name, new Header().required(required).description(description).schema(schema));
    }

    private static ApiResponses responses(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        return operation.getResponses();
    }

    private static String reason(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? String.valueOf(status) : known.getReasonPhrase();
    }
}
