package dev.tenantry.command;

/** The processing group of every command-side lookup updater. */
public final class CommandLookups {

    /**
     * Run by a subscribing processor, so that lookups change in the same transaction as the events they follow.
     * Never replayed: a lookup is part of the write model's consistency, not a read model.
     */
    public static final String PROCESSING_GROUP = "command-lookups";

    private CommandLookups() {
    }
}
