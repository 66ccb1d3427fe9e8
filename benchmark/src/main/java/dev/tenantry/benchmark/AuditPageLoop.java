package dev.tenantry.benchmark;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One auditor paging through a tenant's audit stream as a client of the API would: {@code after} is the previous
 * page's {@code nextAfter}, and after the last page it starts again from the beginning. Each client starts at a
 * random page, so the clients do not read the same pages in lockstep.
 */
final class AuditPageLoop implements Runnable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final TenantryApi api;
    private final String accessToken;
    private final String organizationId;
    private final int pageSize;
    private final Window window;
    private final Recorder recorder;
    private final ErrorSamples errorSamples;
    private final Progress progress;
    private long after;

    AuditPageLoop(TenantryApi api, String accessToken, String organizationId, int pageSize, long entries, Window window,
                  Recorder recorder, ErrorSamples errorSamples, Progress progress) {
        this.api = api;
        this.accessToken = accessToken;
        this.organizationId = organizationId;
        this.pageSize = pageSize;
        this.window = window;
        this.recorder = recorder;
        this.errorSamples = errorSamples;
        this.progress = progress;
        this.after = ThreadLocalRandom.current().nextLong(Math.max(1, entries / pageSize)) * pageSize;
    }

    @Override
    public void run() {
        try {
            while (!window.isOver()) {
                page();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void page() throws InterruptedException {
        Call call = api.get(accessToken, "/api/orgs/" + organizationId + "/audit/events?after=" + after
                + "&limit=" + pageSize, TIMEOUT);
        // A full page names the next cursor; the last page has "nextAfter":null and the walk starts over.
        boolean ok = call.status() == 200 && call.body().startsWith("{\"items\":[");
        Optional<Long> next = ok ? Json.topLevelLong(call.body(), "nextAfter") : Optional.empty();
        progress.record(ok);
        if (window.measures(call.startedAt())) {
            if (ok) {
                recorder.success(Operation.AUDIT_PAGE, call.nanos());
            } else {
                recorder.error(Operation.AUDIT_PAGE);
                errorSamples.offer(Operation.AUDIT_PAGE, call.status(), call.body());
            }
        }
        after = next.orElse(0L);
        if (call.status() == Call.NO_RESPONSE) {
            Thread.sleep(50);
        }
    }
}
