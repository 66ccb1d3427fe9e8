package dev.tenantry.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Tomcat refuses some requests before any filter of the app sees them (an encoded NUL or a malformed escape in the
 * path, an unparseable request line), and answered them with its own HTML page without a correlation id. This
 * replaces Tomcat's error report with the problem document every other refusal has.
 */
@Configuration(proxyBeanMethods = false)
class ServerProblemReports {

    /**
     * Runs after Spring Boot's own customizer, which puts a plain {@link ErrorReportValve} on the host: that one is
     * replaced, and the host is told our class is its error report valve, so that it does not add a plain one again.
     */
    @Bean
    static ProblemReportsOnTomcat problemErrorReports() {
        return new ProblemReportsOnTomcat();
    }

    static class ProblemReportsOnTomcat implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve.getClass() == ErrorReportValve.class) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
                host.getPipeline().addValve(new ProblemReportValve());
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** Writes a problem for an error response nothing else has written a body for. */
    public static class ProblemReportValve extends ErrorReportValve {

        /** Spring's builder registers the mix-in that writes a problem's properties at the top level. */
        private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            ProblemDetail problem = status == 400 || known == null
                    ? Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request", "Bad request",
                    "The request line, path or headers are malformed")
                    : Problems.problem(known, "http-" + status, known.getReasonPhrase(), known.getReasonPhrase());
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                if (response.getHeader(CorrelationIdFilter.HEADER) == null) {
                    response.setHeader(CorrelationIdFilter.HEADER, UUID.randomUUID().toString());
                }
                response.getOutputStream().write(JSON.writeValueAsBytes(problem));
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the response was committed meanwhile: nothing more can be said to it.
            }
        }
    }
}
