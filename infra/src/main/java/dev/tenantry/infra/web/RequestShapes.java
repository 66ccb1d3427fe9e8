package dev.tenantry.infra.web;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.format.datetime.standard.InstantFormatter;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Request parts that Spring would otherwise take as they come and fail on later with a 500: a {@code Content-Type}
 * that is no single concrete media type ({@code *}{@code /*}, {@code application/*}: Spring refuses to carry it
 * further), and an instant PostgreSQL cannot hold (it stores years up to 294276; we allow the ISO years 0001 to
 * 9999). Multipart requests are not parsed at all (no endpoint takes one; see {@code spring.servlet.multipart}).
 */
@Configuration
class RequestShapes implements WebMvcConfigurer {

    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    static final String INSTANT_RANGE = "an ISO-8601 instant between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

    /**
     * Request bodies are read by a copy of the application's mapper (Axon reads stored events with the original)
     * with NUL characters refused ({@link NulCharacters}) and tighter limits than Jackson's defaults: no string of
     * a request is near a megabyte (the body limit), no number needs a hundred digits, and no request nests deeper
     * than a few levels. Over a limit: 400 {@code json-limit-exceeded}.
     */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter jackson) {
                ObjectMapper mapper = jackson.getObjectMapper().copy().registerModule(NulCharacters.module());
                mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(100_000)
                        .maxNumberLength(100)
                        .maxNestingDepth(32)
                        .build());
                jackson.setObjectMapper(mapper);
            }
        }
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        InstantFormatter formatter = new InstantFormatter();
        registry.addConverter(String.class, Instant.class, text -> {
            Instant instant;
            try {
                instant = formatter.parse(text.strip(), Locale.ROOT);
            } catch (ParseException | RuntimeException e) {
                throw new IllegalArgumentException("not " + INSTANT_RANGE, e);
            }
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw new IllegalArgumentException("not " + INSTANT_RANGE);
            }
            return instant;
        });
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws HttpMediaTypeNotSupportedException {
                String contentType = request.getContentType();
                if (contentType == null || contentType.isBlank()) {
                    return true;
                }
                MediaType mediaType;
                try {
                    mediaType = MediaType.parseMediaType(contentType);
                } catch (InvalidMediaTypeException e) {
                    throw new HttpMediaTypeNotSupportedException("Content-Type " + contentType + " is not a media type",
                            List.of(MediaType.APPLICATION_JSON));
                }
                if (!mediaType.isConcrete()) {
                    throw new HttpMediaTypeNotSupportedException("Content-Type " + contentType
                            + " is no single media type; send application/json", List.of(MediaType.APPLICATION_JSON));
                }
                return true;
            }
        });
    }
}
