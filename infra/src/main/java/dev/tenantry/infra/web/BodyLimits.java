package dev.tenantry.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * No request body larger than {@code tenantry.http.max-body} (webhooks: {@code tenantry.http.max-webhook-body}) is
 * read: a declared {@code Content-Length} over the limit is answered 413 before a byte of the body is read, and a
 * body without one (chunked) is cut off where it passes the limit, also with 413. Without this, one client posting
 * large bodies had them buffered whole, in every request thread at once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodyLimits extends OncePerRequestFilter {

    static final String CODE = "payload-too-large";
    private static final String WEBHOOKS = "/api/webhooks/";

    private final ObjectMapper objectMapper;
    private final long maxBody;
    private final long maxWebhookBody;

    BodyLimits(ObjectMapper objectMapper, @Value("${tenantry.http.max-body:1MB}") DataSize maxBody,
               @Value("${tenantry.http.max-webhook-body:512KB}") DataSize maxWebhookBody) {
        this.objectMapper = objectMapper;
        this.maxBody = maxBody.toBytes();
        this.maxWebhookBody = maxWebhookBody.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = request.getRequestURI().startsWith(WEBHOOKS) ? maxWebhookBody : maxBody;
        if (request.getContentLengthLong() > limit) {
            ProblemDetail problem = problem(limit);
            response.setStatus(problem.getStatus());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            // The client may still be sending: tell it this connection ends here, rather than read what it sends.
            response.setHeader("Connection", "close");
            objectMapper.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    /**
     * Tomcat answers {@code Expect: 100-continue} at once by default, so a client that asked first would send its
     * whole body before hearing 413. Sent when the body is read, it is never sent for a body this filter refuses.
     */
    @Bean
    static WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnlyWhenTheBodyIsRead() {
        return factory -> factory.addConnectorCustomizers(connector ->
                connector.setProperty("continueResponseTiming", "onRead"));
    }

    static ProblemDetail problem(long limit) {
        return Problems.problem(HttpStatus.PAYLOAD_TOO_LARGE, CODE, "Payload too large",
                "The request body is larger than " + DataSize.ofBytes(limit).toKilobytes() + " KB");
    }

    /** Thrown while reading a body (of unknown length) past the limit; answered 413 by {@code ProblemHandler}. */
    static final class TooLarge extends IOException {

        final long limit;

        TooLarge(long limit) {
            super("request body over " + limit + " bytes");
            this.limit = limit;
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > limit) {
                throw new TooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
