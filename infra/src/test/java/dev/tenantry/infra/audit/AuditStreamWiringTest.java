package dev.tenantry.infra.audit;

import dev.tenantry.query.audit.AuditStreamWriter;
import dev.tenantry.testsupport.IntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit stream is written by the query side's handler but wired here: inside the command's unit of work (a
 * subscribing processor), and an entry that cannot be written fails the command instead of leaving a hole.
 */
@IntegrationTest
class AuditStreamWiringTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void entriesAreWrittenInTheCommandsTransactionAndTheirFailuresFailTheCommand() {
        assertThat(processing.eventProcessor(AuditStreamWriter.PROCESSING_GROUP))
                .get().isInstanceOf(SubscribingEventProcessor.class);
        assertThat(processing.listenerInvocationErrorHandler(AuditStreamWriter.PROCESSING_GROUP))
                .isInstanceOf(PropagatingErrorHandler.class);
    }
}
