package dev.tenantry.infra.axon;

import dev.tenantry.command.CommandLookups;
import dev.tenantry.testsupport.IntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command-side lookups are part of the write model's consistency: they are updated inside the command's unit
 * of work (a subscribing processor), and a failed update fails the command instead of being logged away.
 */
@IntegrationTest
class CommandLookupsWiringTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void lookupsChangeInTheCommandsTransactionAndTheirFailuresFailTheCommand() {
        assertThat(processing.eventProcessor(CommandLookups.PROCESSING_GROUP))
                .get().isInstanceOf(SubscribingEventProcessor.class);
        assertThat(processing.listenerInvocationErrorHandler(CommandLookups.PROCESSING_GROUP))
                .isInstanceOf(PropagatingErrorHandler.class);
    }
}
