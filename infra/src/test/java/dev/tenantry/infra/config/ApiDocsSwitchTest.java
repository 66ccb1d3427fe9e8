package dev.tenantry.infra.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tenantry.api-docs.enabled} is wired in application.yml to springdoc's own switches; read the way Spring
 * reads the file, without starting the application (the suite's shared context serves the document).
 */
class ApiDocsSwitchTest {

    @Test
    void apiDocsSwitchedOffTurnsOffTheDocumentAndSwaggerUi() throws IOException {
        StandardEnvironment environment = environment(Map.of("tenantry.api-docs.enabled", "false"));

        assertThat(environment.getProperty("springdoc.api-docs.enabled", Boolean.class)).isFalse();
        assertThat(environment.getProperty("springdoc.swagger-ui.enabled", Boolean.class)).isFalse();
    }

    @Test
    void byDefaultBothAreServed() throws IOException {
        StandardEnvironment environment = environment(Map.of());

        assertThat(environment.getProperty("springdoc.api-docs.enabled", Boolean.class)).isTrue();
        assertThat(environment.getProperty("springdoc.swagger-ui.enabled", Boolean.class)).isTrue();
    }

    private static StandardEnvironment environment(Map<String, Object> settings) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("settings", settings));
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(source -> environment.getPropertySources().addLast(source));
        return environment;
    }
}
