package dev.tenantry.benchmark;

import java.util.Optional;
import java.util.UUID;

/**
 * One simulated client: a new user signs up, creates an organization and renames it a few times, over and over
 * until the window closes. A failed step abandons the rest of that cycle, since its later calls need its result.
 */
final class ClientLoop implements Runnable {

    static final int RENAMES_PER_ORG = 3;
    // Comfortably past the 12-character minimum and mixing character classes, in case a policy asks for that.
    static final String PASSWORD = "Bench-password-0123456789!";
    // Only against a server that refuses connections outright: keeps a dead app from turning into a busy loop.
    private static final long PAUSE_AFTER_NO_RESPONSE_MILLIS = 50;

    private final int clientNumber;
    private final String runId;
    private final TenantryApi api;
    private final Window window;
    private final Recorder recorder;
    private final ErrorSamples errorSamples;
    private final Progress progress;
    /** The one organization every client renames in the one-tenant scenario; null in the signup scenario. */
    private final SharedTenant shared;
    private long cycle;

    /** An organization and its owner's access token, set up before the run. */
    record SharedTenant(String accessToken, String organizationId) {
    }

    ClientLoop(int clientNumber, String runId, TenantryApi api, Window window, Recorder recorder,
               ErrorSamples errorSamples, Progress progress, SharedTenant shared) {
        this.clientNumber = clientNumber;
        this.runId = runId;
        this.api = api;
        this.window = window;
        this.recorder = recorder;
        this.errorSamples = errorSamples;
        this.progress = progress;
        this.shared = shared;
    }

    @Override
    public void run() {
        try {
            while (!window.isOver()) {
                runCycle();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runCycle() throws InterruptedException {
        cycle++;
        if (shared != null) {
            expect(Operation.RENAME_ORG, api.renameOrg(shared.accessToken(), shared.organizationId(),
                    "Bench " + runId + " shared c" + clientNumber + " n" + cycle), null);
            return;
        }
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        Optional<String> accessToken = expect(Operation.REGISTER,
                api.register(email, PASSWORD, "Bench client " + clientNumber), "accessToken");
        if (accessToken.isEmpty() || window.isOver()) {
            return;
        }
        // Run id + client + cycle makes every name, and so every derived slug, unique without coordination.
        String orgName = "Bench " + runId + " c" + clientNumber + " n" + cycle;
        Optional<String> orgId = expect(Operation.CREATE_ORG, api.createOrg(accessToken.get(), orgName), "id");
        for (int rename = 1; orgId.isPresent() && rename <= RENAMES_PER_ORG && !window.isOver(); rename++) {
            expect(Operation.RENAME_ORG, api.renameOrg(accessToken.get(), orgId.get(), orgName + " r" + rename), null);
        }
    }

    /**
     * Records the call and, if it succeeded, returns {@code field} of its body (the whole body when null).
     * A right status without the field the next step needs is an error too: the cycle could not go on.
     */
    private Optional<String> expect(Operation operation, Call call, String field) throws InterruptedException {
        Optional<String> result = Optional.empty();
        String problem = call.body();
        if (call.status() == operation.expectedStatus()) {
            result = field == null ? Optional.of(call.body()) : Json.topLevelString(call.body(), field);
            problem = "no \"" + field + "\" in response: " + call.body();
        }
        progress.record(result.isPresent());
        if (window.measures(call.startedAt())) {
            if (result.isPresent()) {
                recorder.success(operation, call.nanos());
            } else {
                recorder.error(operation);
                errorSamples.offer(operation, call.status(), problem);
            }
        }
        if (call.status() == Call.NO_RESPONSE) {
            Thread.sleep(PAUSE_AFTER_NO_RESPONSE_MILLIS);
        }
        return result;
    }
}
