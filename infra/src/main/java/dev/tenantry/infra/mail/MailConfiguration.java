package dev.tenantry.infra.mail;

import dev.tenantry.infra.config.TenantryProperties;
import dev.tenantry.infra.security.JwtService;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    private static final String KEY_PURPOSE = "mail-token";
    private static final int MIN_TOKEN_KEY_BYTES = 32;

    @Bean
    MailTokenCipher mailTokenCipher(TenantryProperties properties, JwtService jwtService) {
        String configured = properties.mail().tokenKey();
        if (configured == null || configured.isBlank()) {
            return new MailTokenCipher(jwtService.deriveKey(KEY_PURPOSE));
        }
        byte[] secret = configured.getBytes(StandardCharsets.UTF_8);
        if (secret.length < MIN_TOKEN_KEY_BYTES) {
            throw new IllegalStateException("tenantry.mail.token-key must be at least " + MIN_TOKEN_KEY_BYTES
                    + " bytes");
        }
        return new MailTokenCipher(hmacSha256(secret, "tenantry/" + KEY_PURPOSE));
    }

    @Bean
    MailDispatcher mailDispatcher(JdbcTemplate jdbc, MailTokenCipher cipher, MailTransport transport,
                                  TenantryProperties properties, Clock clock) {
        return new MailDispatcher(jdbc, cipher, transport, properties, clock);
    }

    @Bean
    MailDispatchSchedule mailDispatchSchedule(MailDispatcher dispatcher, TenantryProperties properties) {
        return new MailDispatchSchedule(dispatcher, properties.mail().pollInterval());
    }

    @Bean
    MailOutbox mailOutbox(JdbcTemplate jdbc, MailTokenCipher cipher, MailDispatchSchedule schedule, Clock clock) {
        return new MailOutbox(jdbc, cipher, schedule::wakeUp, clock);
    }

    /**
     * Mails caused by events are enqueued by a subscribing processor, inside the publishing unit of work and its
     * transaction. Axon's default for handler exceptions is to log and carry on, which would commit an invitation
     * whose mail was never written: here the exception propagates and the command fails instead.
     */
    @Bean
    ConfigurerModule mailOutboxInTheTriggeringTransaction() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(MailOutbox.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(MailOutbox.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }

    private static byte[] hmacSha256(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
