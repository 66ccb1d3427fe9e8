package dev.tenantry.command;

/** The processing group of the policies that mail someone because of an event. */
public final class MailPolicies {

    /**
     * Run by a subscribing processor inside the unit of work that publishes the event, so that the mail is written in
     * the event's transaction, and a failure to write it fails the command (the application configures it so).
     */
    public static final String PROCESSING_GROUP = "mail-outbox";

    private MailPolicies() {
    }
}
