package dev.tenantry.infra.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.util.Map;

/**
 * PostgreSQL cannot store the NUL character (U+0000) in text or JSON: a string holding one fails at the first
 * statement that writes it. Accepted into a command, it would be stored in an event that every read model then fails
 * on. So it is refused at the edge, in any string of a JSON request body, any request parameter and any path
 * variable, with 400 {@value #CODE} naming the field; nothing is sent or stored.
 * <p>
 * Only the request bodies of the REST API are checked this way (the MVC converter gets a copy of the application's
 * object mapper with the check, see {@code RequestShapes}), not the mapper that Axon reads stored events with: an
 * event stored before this check must stay readable.
 */
@Configuration
class NulCharacters implements WebMvcConfigurer {

    static final String CODE = "invalid-character";

    static String detail(String field) {
        return field + " must not contain the NUL character (U+0000)";
    }

    /** The request-body mapper's module (see {@code RequestShapes}): strings are read through {@link Refusing}. */
    static SimpleModule module() {
        return new SimpleModule("refuse-nul-characters").addDeserializer(String.class, new Refusing());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                request.getParameterMap().forEach((name, values) -> {
                    for (String value : values) {
                        refuseIfNul(name, value);
                    }
                });
                if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> vars) {
                    vars.forEach((name, value) -> refuseIfNul(String.valueOf(name), String.valueOf(value)));
                }
                return true;
            }
        });
    }

    /** A parameter can come without value ({@code ?flag}); only what is there is checked. */
    private static void refuseIfNul(String name, String value) {
        if (name.indexOf('\0') >= 0 || (value != null && value.indexOf('\0') >= 0)) {
            String field = name.replace("\0", "\\u0000");
            throw ApiException.invalidField(CODE, field, detail(field));
        }
    }

    /** A JSON string with a NUL in it; Jackson adds the property path as the exception passes through the beans. */
    static final class Refused extends JsonMappingException {

        Refused(JsonParser parser) {
            super(parser, "a string holding the NUL character (U+0000)");
        }
    }

    private static final class Refusing extends StdScalarDeserializer<String> {

        Refusing() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw new Refused(parser);
            }
            return value;
        }
    }
}
