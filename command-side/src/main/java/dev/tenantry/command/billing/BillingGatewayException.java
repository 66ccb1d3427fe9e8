package dev.tenantry.command.billing;

/**
 * A call to the billing provider failed. {@link #isRetryable()}: a timeout, a connection failure, a rate limit or
 * a 5xx may go through later; a rejected request (4xx) will not.
 */
public class BillingGatewayException extends RuntimeException {

    private final boolean retryable;

    public BillingGatewayException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
