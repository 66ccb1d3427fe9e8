package dev.tenantry.infra.axon;

import dev.tenantry.infra.persistence.Workload;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;

/** How the app's tracking event processors run. */
public final class Processors {

    private Processors() {
    }

    /**
     * One thread per processor, named as Axon names it, drawing its connections from the background pool: a burst
     * of requests cannot take the connections the read models need to catch up with them.
     */
    public static TrackingEventProcessorConfiguration singleThreaded() {
        return TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                .andThreadFactory(name -> Workload.BACKGROUND.threadFactory(new AxonThreadFactory(name)));
    }
}
