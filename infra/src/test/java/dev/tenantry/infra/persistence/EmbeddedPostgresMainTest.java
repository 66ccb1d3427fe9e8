package dev.tenantry.infra.persistence;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The database-only process that several nodes share: started as its own JVM, as an operator starts it, it says
 * where it is once it accepts connections, and a SIGTERM leaves no PostgreSQL behind.
 */
class EmbeddedPostgresMainTest {

    @TempDir
    Path dir;
    private Process process;

    @AfterEach
    void stopTheProcess() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void printsAUrlThatConnectsAndStopsTheServerOnSigterm() throws Exception {
        Path output = dir.resolve("out.log");
        process = launch(output, "--data-dir=" + dir.resolve("data"), "--settings=fsync=off");

        String url = await("the JDBC URL printed").atMost(Duration.ofSeconds(90))
                .until(() -> urlIn(output), Optional::isPresent).orElseThrow();
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet row = connection.createStatement().executeQuery("select current_user, current_database()")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("postgres");
            assertThat(row.getString(2)).isEqualTo("postgres");
        }
        assertThat(dir.resolve("data/postgres/PG_VERSION")).as("the cluster where an app's data dir keeps it").exists();

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dir.resolve("data/postgres/postmaster.pid")).as("PostgreSQL stopped").doesNotExist();
        assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);
    }

    @Test
    void refusesAnUnknownArgument() throws Exception {
        Path output = dir.resolve("out.log");
        process = launch(output, "--data=" + dir);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(output)).contains("Unknown argument: --data=").contains("Usage:");
    }

    private static Process launch(Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), EmbeddedPostgresMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private static Optional<String> urlIn(Path output) throws IOException {
        return Files.readAllLines(output).stream().filter(line -> line.startsWith("jdbc:")).findFirst();
    }
}
