package dev.tenantry.infra.mail;

import dev.tenantry.infra.config.TenantryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.util.StringUtils;

@Configuration(proxyBeanMethods = false)
class MailTransportConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailTransportConfiguration.class);

    /**
     * SMTP when Spring Boot made a mail sender ({@code spring.mail.host} set), else the logging stand-in. Decided
     * here rather than by a bean condition: user configuration is read before Boot's auto-configuration registers
     * its sender. A blank host would make Boot create a sender that can never connect; it counts as unset (a mail
     * session from JNDI, {@code spring.mail.jndi-name}, counts as set).
     */
    @Bean
    MailTransport mailTransport(ObjectProvider<JavaMailSender> sender, Environment environment,
                                TenantryProperties properties) {
        JavaMailSender smtp = sender.getIfAvailable();
        boolean configured = StringUtils.hasText(environment.getProperty("spring.mail.host"))
                || StringUtils.hasText(environment.getProperty("spring.mail.jndi-name"));
        if (smtp == null || !configured) {
            log.warn("spring.mail.host is not set: mails are not sent but logged, with their links. "
                    + "Those links are live credentials (email verification, password reset, invitations): this log "
                    + "must not be kept or shipped anywhere. For local use only; set spring.mail.host (and "
                    + "spring.mail.port, username, password) to send mails.");
            return new LoggingMailTransport();
        }
        return new SmtpMailTransport(smtp, properties.mail().from());
    }
}
