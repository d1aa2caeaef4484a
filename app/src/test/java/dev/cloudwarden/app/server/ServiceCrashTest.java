package dev.cloudwarden.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.app.hunt.HuntLimits;
import dev.cloudwarden.app.hunt.HuntResult;
import dev.cloudwarden.app.hunt.HuntService;
import dev.cloudwarden.app.hunt.HuntSources;
import dev.cloudwarden.app.store.AlertQuery;
import dev.cloudwarden.app.store.ApiTokens;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.StoredAlert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cloudwarden serve} killed with {@code kill -9} in the middle of a large watched file, then started again:
 * every line's event is kept once, and no alert is stored twice; the alerts a single scan of the file raises are all
 * there under their ids.
 */
class ServiceCrashTest {
    private static final int LINES = 30_000;
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aServiceKilledMidFileResumesWithNothingLostAndNothingTwice() throws Exception {
        Path watched = Files.createDirectories(dir.resolve("watched"));
        Path file = watched.resolve("trail.jsonl");
        List<String> records = new ArrayList<>();
        for (int i = 0; i < LINES; i++) { // bursts of failed logins from 300 addresses, a minute apart
            records.add(ServiceTest.failedLogin(i * 2L, "user" + (i / 100 % 7), "198.18." + (i / 100 % 250) + "." + (i % 3)));
        }
        Files.write(file, (String.join("\n", records) + "\n").getBytes(StandardCharsets.UTF_8));
        String store = dir.resolve("store.duckdb").toString();
        String token = ApiTokens.newToken();
        try (PlatformStore s = PlatformStore.open(store)) {
            s.createToken("test", "watcher", Role.VIEWER, ApiTokens.hash(token));
        }

        Process first = serve(watched, store);
        int port = port(first);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long processed = 0;
        while (processed < LINES / 4 && System.nanoTime() < deadline) {
            processed = health(port, token).path("events_processed").asLong();
            Thread.sleep(20);
        }
        first.destroyForcibly().waitFor();
        assertThat(processed).as("killed in the middle of the file").isBetween((long) LINES / 4, (long) LINES - 1);

        Process second = serve(watched, store);
        int again = port(second);
        deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        int quiet = 0;
        while (System.nanoTime() < deadline && quiet < 3) { // caught up, three looks in a row
            JsonNode h = health(again, token);
            boolean done = h.path("caught_up").asBoolean() && h.path("inputs").path(0).path("lag").asLong(-1) == 0
                    && h.path("events_processed").asLong() > 0;
            quiet = done ? quiet + 1 : 0;
            Thread.sleep(300);
        }
        assertThat(quiet).as("the restarted service caught up").isEqualTo(3);
        second.destroy();
        second.waitFor();

        Path events = Path.of(store + ".events");
        try (HuntService hunts = new HuntService(new HuntSources(new dev.cloudwarden.app.hunt.ArchiveLayout(events),
                new dev.cloudwarden.app.hunt.StoreTables.None()))) {
            HuntResult r = hunts.run("SELECT count(*) AS n, count(DISTINCT origin_line) AS lines, min(origin_line) AS first, "
                    + "max(origin_line) AS last FROM events", HuntLimits.DEFAULT);
            assertThat(r.rows().get(0)).map(String::valueOf).containsExactly(
                    String.valueOf(LINES), String.valueOf(LINES), "1", String.valueOf(LINES));
        }
        Set<String> served = new HashSet<>();
        Set<String> groups = new HashSet<>();
        try (PlatformStore s = PlatformStore.open(store)) {
            String cursor = null;
            do {
                AlertQuery q = AlertQuery.all().withLimit(1000);
                var page = s.alerts(cursor == null ? q : q.after(cursor));
                for (StoredAlert a : page.items()) {
                    served.add(a.id());
                    assertThat(groups.add(a.ruleId() + " " + a.groupKey() + " " + a.firstSeen()))
                            .as("one group stored once: " + a.ruleTitle()).isTrue();
                }
                cursor = page.next();
            } while (cursor != null);
        }
        String reference = dir.resolve("reference.duckdb").toString();
        var cli = dev.cloudwarden.app.cli.CloudWardenCli.commandLine(new java.io.ByteArrayOutputStream(), StandardCharsets.UTF_8);
        cli.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        cli.execute("scan", "--format", "json", "--no-intel", "--store", reference, file.toString());
        try (PlatformStore s = PlatformStore.open(reference)) {
            List<String> scanned = s.alerts(AlertQuery.all().withLimit(1000)).items().stream().map(StoredAlert::id).toList();
            assertThat(scanned).isNotEmpty();
            assertThat(served).containsAll(scanned);
        }
    }

    private Process serve(Path watched, String store) throws Exception {
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.cloudwarden.app.cli.CloudWardenCli",
                "serve", "--watch", watched.toString(), "--port", "0", "--store", store);
        b.environment().put("CLOUDWARDEN_DETECTION__ALLOWED_LATENESS", "1s");
        b.environment().put("CLOUDWARDEN_DETECTION__IDLE_AFTER", "PT0.2S");
        b.redirectErrorStream(true);
        return b.start();
    }

    /** The port the service prints; its later output is drained so it never blocks on a full pipe. */
    private static int port(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                CompletableFuture.runAsync(() -> out.lines().forEach(l -> { }));
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the service did not start:\n" + seen);
    }

    private static JsonNode health(int port, String token) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/health")).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
