package dev.tenantry.benchmark;

/** Outcome of one HTTP call; {@code status} is -1 when no response arrived and {@code body} then holds the cause. */
record Call(int status, String body, long startedAt, long nanos) {

    static final int NO_RESPONSE = -1;
}
