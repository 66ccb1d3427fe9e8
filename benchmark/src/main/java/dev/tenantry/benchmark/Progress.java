package dev.tenantry.benchmark;

import java.util.concurrent.atomic.LongAdder;

/** Live totals across all clients, warm-up included, only for the periodic "still alive" line. */
record Progress(LongAdder calls, LongAdder failures) {

    Progress() {
        this(new LongAdder(), new LongAdder());
    }

    void record(boolean ok) {
        calls.increment();
        if (!ok) {
            failures.increment();
        }
    }
}
