package dev.tenantry.infra.mail;

import dev.tenantry.infra.config.TenantryProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which transport the outbox gets, decided the way the app decides it (Spring Boot's mail auto-configuration plus
 * ours), without starting the whole application.
 */
@ExtendWith(OutputCaptureExtension.class)
class MailTransportConfigurationTest {

    private static final String WARNING = "spring.mail.host is not set: mails are not sent but logged";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TenantryProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner app = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
            .withUserConfiguration(Properties.class, MailTransportConfiguration.class);

    @Test
    void withoutAnSmtpHostMailsAreLoggedWithTheirLinkAndTheAppSaysSoOnceAtStartup(CapturedOutput output) {
        app.run(context -> {
            assertThat(context).hasSingleBean(MailTransport.class);
            MailTransport transport = context.getBean(MailTransport.class);
            assertThat(transport).isInstanceOf(LoggingMailTransport.class);

            transport.send("local@example.com", "Confirm your email address",
                    "Confirm it:\nhttp://localhost:8080/verify-email?token=abc123\n");
            transport.send("local@example.com", "Reset your password",
                    "Choose one:\nhttp://localhost:8080/reset-password?token=def456\n");
        });
        assertThat(output.getOut()).contains("local@example.com", "http://localhost:8080/verify-email?token=abc123",
                "http://localhost:8080/reset-password?token=def456");
        assertThat(output.getOut().split(WARNING, -1)).as("one startup warning").hasSize(2);
        assertThat(output.getOut()).as("the warning says plainly what the log then holds")
                .contains("live credentials", "must not be kept or shipped");
    }

    @Test
    void aBlankSmtpHostCountsAsNone() {
        app.withPropertyValues("spring.mail.host=").run(context ->
                assertThat(context.getBean(MailTransport.class)).isInstanceOf(LoggingMailTransport.class));
    }

    @Test
    void withAnSmtpHostMailsGoOverSmtp(CapturedOutput output) {
        app.withPropertyValues("spring.mail.host=smtp.example.com", "spring.mail.port=2525").run(context ->
                assertThat(context.getBean(MailTransport.class)).isInstanceOf(SmtpMailTransport.class));
        assertThat(output.getOut()).doesNotContain(WARNING);
    }
}
