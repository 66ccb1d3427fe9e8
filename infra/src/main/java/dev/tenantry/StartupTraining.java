package dev.tenantry;

import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training run behind the class-data-sharing archive that the build writes next to the jar
 * ({@code infra/target/tenantry.jsa}): the build runs this class under {@code -XX:ArchiveClassesAtExit}, and the
 * JVM archives every class it loaded. A start with {@code -XX:SharedArchiveFile} maps them in instead of reading,
 * verifying and linking them again, which is most of what a cold start does on a small machine.
 * <p>
 * It starts the application as its main method does, on a throw-away data dir and free ports, and sends the calls
 * of a first session (sign-up, an organization, a rename, reads), so that the archive also holds the classes of the
 * request path; then it stops the application cleanly, embedded PostgreSQL included. A failed training costs only
 * speed: it is reported, and the build goes on with whatever the JVM archived.
 */
public final class StartupTraining {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");

    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dataDir = Files.createTempDirectory("tenantry-training-");
        try (ConfigurableApplicationContext context = TenantryApplication.application().run(
                "--tenantry.data-dir=" + dataDir, "--server.port=0", "--tenantry.embedded-postgres.port=0",
                "--logging.level.root=ERROR", "--spring.main.banner-mode=off")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            firstSession(URI.create("http://localhost:" + port));
        } catch (Exception e) {
            System.err.println("Startup training did not complete (the archive holds fewer classes): " + e);
        } finally {
            FileSystemUtils.deleteRecursively(dataDir);
        }
        System.exit(0); // the JVM writes the archive on exit, also with non-daemon threads left behind
    }

    private static void firstSession(URI base) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        call(http, base, "GET", "/actuator/health", null, null);
        String email = "training-" + UUID.randomUUID() + "@example.com";
        String token = accessToken(call(http, base, "POST", "/api/auth/register", null,
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"displayName\":\"Training\"}"));
        // Its Location, not its body: an organization created while the read model lags is answered 202 without one.
        String location = call(http, base, "POST", "/api/orgs", token, "{\"name\":\"Training Inc\"}").headers()
                .firstValue("Location").orElseThrow(() -> new IOException("no Location for the new organization"));
        String orgId = location.substring(location.lastIndexOf('/') + 1);
        call(http, base, "PATCH", "/api/orgs/" + orgId, token, "{\"name\":\"Training Ltd\"}");
        call(http, base, "GET", "/api/orgs/" + orgId, token, null);
        call(http, base, "GET", "/api/me", token, null);
        call(http, base, "GET", "/api/orgs/" + orgId + "/audit/events", token, null);
    }

    private static HttpResponse<String> call(HttpClient http, URI base, String method, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static String accessToken(HttpResponse<String> response) throws IOException {
        Matcher matcher = ACCESS_TOKEN.matcher(response.body());
        if (!matcher.find()) {
            throw new IOException("no accessToken in " + response.body());
        }
        return matcher.group(1);
    }
}
