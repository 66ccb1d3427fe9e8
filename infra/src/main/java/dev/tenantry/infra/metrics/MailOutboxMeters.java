package dev.tenantry.infra.metrics;

import dev.tenantry.infra.mail.MailOutbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * {@code tenantry.mail.outbox.depth}: mails waiting to be sent. It grows when SMTP is down or slow, and stays up
 * when mails are being retried; sent and given-up mails do not count.
 */
@Component
class MailOutboxMeters implements MeterBinder {

    private final RecentReading<Long> waiting;

    MailOutboxMeters(MailOutbox outbox) {
        this.waiting = new RecentReading<>(ProcessorLagMeters.READING_MAX_AGE, outbox::waiting);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tenantry.mail.outbox.depth", waiting, reading -> reading.get())
                .description("Mails in the outbox not sent yet (waiting for their first attempt or a retry)")
                .strongReference(true)
                .register(registry);
    }
}
