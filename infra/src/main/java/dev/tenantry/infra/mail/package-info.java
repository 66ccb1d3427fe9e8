/** The mail outbox: mails written in their cause's transaction, sent after it commits, retried, never twice. */
package dev.tenantry.infra.mail;
