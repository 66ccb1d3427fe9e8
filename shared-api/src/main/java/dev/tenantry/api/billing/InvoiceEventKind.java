package dev.tenantry.api.billing;

/** The invoice webhooks that change a subscription: invoice.paid, invoice.payment_failed, invoice.payment_action_required. */
public enum InvoiceEventKind { PAID, PAYMENT_FAILED, ACTION_REQUIRED }
