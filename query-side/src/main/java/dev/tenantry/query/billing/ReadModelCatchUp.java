package dev.tenantry.query.billing;

import java.util.List;

/** Read-your-writes: waits, bounded, until every read model has processed these events (by id). */
public interface ReadModelCatchUp {

    void awaitEvents(List<String> eventIds);
}
