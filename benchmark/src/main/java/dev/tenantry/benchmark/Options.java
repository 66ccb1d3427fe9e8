package dev.tenantry.benchmark;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line settings of one benchmark run. {@code url} is null when the benchmark starts the app itself;
 * {@code database} is null unless given with {@code --jdbc-url} (the benchmark then finds the app's own database),
 * and {@code appLog} unless given with {@code --app-log} (the log of the app the benchmark started is its own).
 */
record Options(int clients, Duration duration, Duration warmup, Path appJar, URI url, String scenario, long entries,
               int pageSize, List<String> appJvmArgs, Database database, String projection, Duration baselineDuration,
               int runs, Path appLog) {

    /** Every client signs up, creates its own organization and renames it: many tenants, little contention. */
    static final String SIGNUP = "signup";
    /** Every client renames one shared organization: the events of one tenant, whose audit chain serialises them. */
    static final String ONE_TENANT = "one-tenant";
    /** Every client pages through one tenant's audit stream of {@code entries} entries, seeded in SQL. */
    static final String AUDIT_PAGE = "audit-page";
    /** One export of a tenant's stream of {@code entries} entries as NDJSON, then its verification. */
    static final String AUDIT_EXPORT = "audit-export";
    /** A projection rebuilt over {@code entries} seeded events. */
    static final String REBUILD = "rebuild";
    /** Every client runs the command mix on its own organization; the database's own speed is the yardstick. */
    static final String COMMANDS = "commands";
    /** The app started as the README starts it, {@code runs} times: time until healthy, then resident memory. */
    static final String STARTUP = "startup";
    /** The command mix over three nodes on one database, one of them killed and restarted. */
    static final String FAILOVER = "failover";

    private static final List<String> SCENARIOS = List.of(SIGNUP, ONE_TENANT, AUDIT_PAGE, AUDIT_EXPORT, REBUILD,
            COMMANDS, STARTUP, FAILOVER);

    /**
     * The export must prove that it streams: a heap far smaller than the million entries it writes (about 0.8 GB of
     * NDJSON). The app starts in such a heap with room to serve, so a failure here means the export holds entries.
     */
    static final List<String> EXPORT_JVM_ARGS = List.of("-Xmx128m");

    static final String USAGE = """
            Usage: java -jar tenantry-benchmark.jar [options]
              --clients N          concurrent clients (default 16)
              --duration SECONDS   measured run time (default 30)
              --warmup SECONDS     run time before measuring, results discarded (default 5)
              --app-jar PATH       application jar to start (default infra/target/tenantry.jar)
              --app-jvm-args ARGS  JVM options of the started app, space-separated, e.g. "-Xmx96m"
                                   (default: none; audit-export: -Xmx128m); the seeding scenarios seed
                                   in the default heap and restart the app with these to measure
              --url URL            benchmark an already running app, e.g. http://localhost:8080;
                                   nothing is started and --app-jar is ignored (not for startup, failover)
              --jdbc-url URL       with --url, the app's PostgreSQL, for the scenarios that seed rows in SQL
                                   and for the commands scenario's database baseline
              --jdbc-user NAME     (default postgres)
              --jdbc-password PW   (default empty)
              --scenario NAME      signup (default): each client registers, creates and renames its own
                                   organization (many tenants); one-tenant: every client renames one shared
                                   organization (one tenant's events, serialised by its audit chain);
                                   audit-page: every client pages through one tenant's audit stream;
                                   audit-export: one NDJSON export of the stream and its verification, with
                                   the app's peak heap; rebuild: a projection rebuilt over the seeded events;
                                   commands: each client renames, changes settings, invites, revokes and
                                   changes a member's role on its own organization, against the database's
                                   own insert rate; startup: time until healthy and idle memory of a fresh
                                   app; failover: the commands mix on three nodes, one killed mid-run
              --entries N          audit entries seeded (audit-page 100000, audit-export and rebuild 1000000)
              --page-size N        audit-page: entries per page, 1 to 1000 (default 100)
              --projection NAME    rebuild: the read model to rebuild (default organizations)
              --baseline-seconds N commands: how long the database baseline runs, before and after (default 10)
              --runs N             startup: how many fresh starts (default 3)
              --app-log PATH       commands with --url: the app's log, where it logs the invitation mails
                                   (it must run without spring.mail.host)
              --help               print this text""";

    static Options parse(String[] args) {
        int clients = 16;
        long durationSeconds = 30;
        long warmupSeconds = 5;
        Path appJar = Path.of("infra", "target", "tenantry.jar");
        URI url = null;
        String scenario = SIGNUP;
        Long entries = null;
        int pageSize = 100;
        List<String> appJvmArgs = null;
        String jdbcUrl = null;
        String jdbcUser = "postgres";
        String jdbcPassword = "";
        String projection = "organizations";
        long baselineSeconds = 10;
        int runs = 3;
        Path appLog = null;
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
                case "--app-jvm-args" -> appJvmArgs = value.isBlank() ? List.of()
                        : Arrays.asList(value.strip().split("\\s+"));
                case "--url" -> url = baseUrl(value);
                case "--scenario" -> scenario = scenario(value);
                case "--entries" -> entries = (long) positive(option, value);
                case "--page-size" -> pageSize = pageSize(value);
                case "--jdbc-url" -> jdbcUrl = jdbcUrl(value);
                case "--jdbc-user" -> jdbcUser = value;
                case "--jdbc-password" -> jdbcPassword = value;
                case "--projection" -> projection = value;
                case "--baseline-seconds" -> baselineSeconds = positive(option, value);
                case "--runs" -> runs = positive(option, value);
                case "--app-log" -> appLog = Path.of(value);
                default -> throw new UsageException("unknown option " + option);
            }
        }
        boolean seeds = scenario.equals(AUDIT_PAGE) || scenario.equals(AUDIT_EXPORT) || scenario.equals(REBUILD);
        if (seeds && url != null && jdbcUrl == null) {
            throw new UsageException("--scenario " + scenario + " with --url needs --jdbc-url: it seeds its entries in SQL");
        }
        if (url != null && (scenario.equals(STARTUP) || scenario.equals(FAILOVER))) {
            throw new UsageException("--scenario " + scenario + " starts the app itself; it does not take --url");
        }
        if (scenario.equals(COMMANDS) && url != null && (jdbcUrl == null || appLog == null)) {
            throw new UsageException("--scenario commands with --url needs --jdbc-url (for the database baseline) and "
                    + "--app-log (the app's log, where it logs the invitation mails the benchmark's members accept)");
        }
        if (entries == null) {
            entries = scenario.equals(AUDIT_PAGE) ? 100_000L : 1_000_000L;
        }
        if (appJvmArgs == null) {
            appJvmArgs = scenario.equals(AUDIT_EXPORT) ? EXPORT_JVM_ARGS : List.of();
        }
        Database database = jdbcUrl == null ? null : new Database(jdbcUrl, jdbcUser, jdbcPassword);
        return new Options(clients, Duration.ofSeconds(durationSeconds), Duration.ofSeconds(warmupSeconds), appJar, url,
                scenario, entries, pageSize, appJvmArgs, database, projection, Duration.ofSeconds(baselineSeconds), runs,
                appLog);
    }

    private static String scenario(String value) {
        if (!SCENARIOS.contains(value)) {
            throw new UsageException("--scenario must be one of " + String.join(", ", SCENARIOS) + ", got '" + value + "'");
        }
        return value;
    }

    private static int pageSize(String value) {
        int parsed = positive("--page-size", value);
        if (parsed > 1000) {
            throw new UsageException("--page-size must be at most 1000, the API's limit");
        }
        return parsed;
    }

    private static String jdbcUrl(String value) {
        if (!value.startsWith("jdbc:postgresql:")) {
            throw new UsageException("--jdbc-url expects something like jdbc:postgresql://localhost:5432/postgres, got '"
                    + value + "'");
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
