package dev.tenantry.benchmark;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Command-line settings of one benchmark run. {@code url} is null when the benchmark starts the app itself. */
record Options(int clients, Duration duration, Duration warmup, Path appJar, URI url, String scenario) {

    /** Every client signs up, creates its own organization and renames it: many tenants, little contention. */
    static final String SIGNUP = "signup";
    /** Every client renames one shared organization: the events of one tenant, whose audit chain serialises them. */
    static final String ONE_TENANT = "one-tenant";

    static final String USAGE = """
            Usage: java -jar tenantry-benchmark.jar [options]
              --clients N          concurrent clients (default 16)
              --duration SECONDS   measured run time (default 30)
              --warmup SECONDS     run time before measuring, results discarded (default 5)
              --app-jar PATH       application jar to start (default infra/target/tenantry.jar)
              --url URL            benchmark an already running app, e.g. http://localhost:8080;
                                   nothing is started and --app-jar is ignored
              --scenario NAME      signup (default): each client registers, creates and renames its own
                                   organization (many tenants); one-tenant: every client renames one shared
                                   organization (one tenant's events, serialised by its audit chain)
              --help               print this text""";

    static Options parse(String[] args) {
        int clients = 16;
        long durationSeconds = 30;
        long warmupSeconds = 5;
        Path appJar = Path.of("infra", "target", "tenantry.jar");
        URI url = null;
        String scenario = SIGNUP;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new UsageException(null);
            }
            if (i + 1 >= args.length) {
                throw new UsageException("missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--clients" -> clients = positive(option, value);
                case "--duration" -> durationSeconds = positive(option, value);
                case "--warmup" -> warmupSeconds = nonNegative(option, value);
                case "--app-jar" -> appJar = Path.of(value);
                case "--url" -> url = baseUrl(value);
                case "--scenario" -> scenario = scenario(value);
                default -> throw new UsageException("unknown option " + option);
            }
        }
        return new Options(clients, Duration.ofSeconds(durationSeconds), Duration.ofSeconds(warmupSeconds), appJar, url,
                scenario);
    }

    private static String scenario(String value) {
        if (!value.equals(SIGNUP) && !value.equals(ONE_TENANT)) {
            throw new UsageException("--scenario must be " + SIGNUP + " or " + ONE_TENANT + ", got '" + value + "'");
        }
        return value;
    }

    private static int positive(String option, String value) {
        int parsed = integer(option, value);
        if (parsed < 1) {
            throw new UsageException(option + " must be at least 1");
        }
        return parsed;
    }

    private static int nonNegative(String option, String value) {
        int parsed = integer(option, value);
        if (parsed < 0) {
            throw new UsageException(option + " must not be negative");
        }
        return parsed;
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " expects a whole number, got '" + value + "'");
        }
    }

    private static URI baseUrl(String value) {
        // Paths are appended as "/api/...", so a trailing slash would produce "//api".
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        try {
            URI uri = URI.create(trimmed);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url expects something like http://localhost:8080, got '" + value + "'");
        }
    }

    /** Bad command line; a null message means the user asked for help. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
