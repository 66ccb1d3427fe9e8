package dev.tenantry.infra.mail;

import dev.tenantry.testsupport.IntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handlers that write mails run where their outbox row must commit: in a subscribing processor (the
 * publishing unit of work), and a failure there fails the command instead of being logged away.
 */
@IntegrationTest
class MailOutboxWiringTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void mailsOfEventsAreWrittenInThePublishingTransactionAndAFailedWriteFailsTheCommand() {
        assertThat(processing.eventProcessor(MailOutbox.PROCESSING_GROUP))
                .get().isInstanceOf(SubscribingEventProcessor.class);
        assertThat(processing.listenerInvocationErrorHandler(MailOutbox.PROCESSING_GROUP))
                .isInstanceOf(PropagatingErrorHandler.class);
    }
}
