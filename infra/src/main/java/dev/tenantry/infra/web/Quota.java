package dev.tenantry.infra.web;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * A rate limit's size: at most {@code requests} per {@code period}, all at once or spread out; written
 * {@code 20/1h} in the configuration. The quota refills steadily, one request every {@code period / requests}.
 */
public record Quota(int requests, Duration period) {

    public Quota {
        if (requests < 1) {
            throw new IllegalArgumentException("A quota allows at least 1 request: " + requests);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A quota's period must be positive: " + period);
        }
    }

    /** One request's share of the period: how long the quota takes to give one request back. */
    Duration interval() {
        return period.dividedBy(requests);
    }

    public static Quota parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("A quota is written requests/period, e.g. 20/1h: " + text);
        }
        return new Quota(Integer.parseInt(text.substring(0, slash).strip()),
                DurationStyle.detectAndParse(text.substring(slash + 1).strip()));
    }

    @Override
    public String toString() {
        return requests + "/" + period;
    }

    @Component
    @ConfigurationPropertiesBinding
    static class FromText implements Converter<String, Quota> {

        @Override
        public Quota convert(String text) {
            return parse(text);
        }
    }
}
