package dev.cloudwarden.bench;

import dev.cloudwarden.app.server.ServeConfig;
import dev.cloudwarden.app.server.Service;
import dev.cloudwarden.app.store.ApiTokens;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.load.RuleTuning;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench pages}: the web UI's incident queue and incident page over a store of N alerts and M incidents (issue
 * 11: 10,000,000 and 100,000, each page under 300 ms p95 server-side). The store is the store bench's
 * ({@link StoreBench}: the same fill options, reused when it holds them) with {@link StoreIncidents} added. The
 * service runs in this JVM over it, and the bench requests pages over loopback with a token, as a browser would:
 * the queue in each order, filtered, and ten pages deep; then the pages of random incidents. The figure is the
 * server's own time to the response body ({@code Server-Timing}); the round trip beside it adds HTTP and the
 * transfer. Baseline in the same run: the service's health page, which reads nothing from the store.
 */
final class PagesBench {
    private static final Pattern SERVER_TIMING = Pattern.compile("app;dur=([0-9.]+)");
    private static final Pattern NEXT = Pattern.compile("href=\"(/incidents\\?[^\"]*cursor=[^\"]+)\" rel=\"next\"");
    private static final int WARM_UP = 20;
    private static final int REPS = 100;

    private PagesBench() {
    }

    static void run(String[] args) throws Exception {
        long alerts = 10_000_000;
        long incidents = 100_000;
        long replicateFrom = 0;
        int rounds = 1;
        String postgres = null;
        boolean duckdb = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--alerts" -> alerts = Long.parseLong(args[++i]);
                case "--incidents" -> incidents = Long.parseLong(args[++i]);
                case "--replicate-from" -> replicateFrom = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--postgres" -> postgres = args[++i];
                case "--postgres-only" -> duckdb = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "java %s, max heap %,d MB, %d cores, load average %.2f%n",
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path dir = Path.of("bench-data");
        StoreBench.Fill fill = StoreBench.Fill.of(alerts, replicateFrom, StoreAlerts.prepare(dir));
        if (duckdb) {
            try (PlatformStore store = StoreBench.duckdb(dir, fill)) {
                StoreIncidents.ensure(store, fill, incidents);
                measure("duckdb", store, rounds);
            }
        }
        if (postgres != null) {
            try (PlatformStore store = StoreBench.postgres(postgres, fill)) {
                StoreIncidents.ensure(store, fill, incidents);
                store.withConnection("analyze", c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("ANALYZE incidents");
                        s.execute("ANALYZE incident_alerts");
                        s.execute("ANALYZE incident_entities");
                        s.execute("ANALYZE incident_techniques");
                    }
                    return null;
                });
                measure("postgresql", store, rounds);
            }
        }
    }

    private static void measure(String name, PlatformStore store, int rounds) throws Exception {
        List<String> ids = store.withConnection("incident ids", c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id FROM incidents ORDER BY id")) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        });
        String token = ApiTokens.newToken();
        store.createToken("bench", "bench-pages-" + System.nanoTime(), Role.VIEWER, ApiTokens.hash(token));
        Path hunting = Files.createTempDirectory("cw-pages-bench");
        RuleSet rules = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults(), RuleTuning.builtIn());
        ServeConfig config = new ServeConfig(new ServeConfig.Server("127.0.0.1", 0, null, 4L * 1024 * 1024, 10_000),
                null, null, null, null, null, new ServeConfig.Hunting(hunting.toString(), null));
        try (Service service = Service.start(config, RunConfig.of(rules), List.of(), store)) {
            Client client = new Client("http://127.0.0.1:" + service.port(), token);
            Random random = new Random(42);
            String principal = "principal:" + StoreAlerts.principalArn(0);
            List<String> deep = deepPages(client, 10);
            List<Case> cases = List.of(
                    new Case("health page (baseline: no store read)", i -> "/health"),
                    new Case("queue, newest first", i -> "/incidents"),
                    new Case("queue by score", i -> "/incidents?sort=score"),
                    new Case("queue by severity", i -> "/incidents?sort=severity"),
                    new Case("queue by last activity", i -> "/incidents?sort=last"),
                    new Case("queue, new and high or above", i -> "/incidents?status=new&severity=high"),
                    new Case("queue of the busiest principal", i -> "/incidents?entity=" + url(principal)),
                    new Case("queue, pages 2-11 (cursor)", i -> deep.get(i % deep.size())),
                    new Case("incident page (random incidents)", i -> "/incidents/" + ids.get(random.nextInt(ids.size()))));
            System.out.printf(Locale.ROOT, "%n%s: %,d incidents; %d rounds of %d requests a case after %d warm-up%n",
                    name, ids.size(), rounds, REPS, WARM_UP);
            System.out.printf(Locale.ROOT, "  %-40s %22s   %22s   %8s%n", "", "server ms p50/p95/p99", "round trip p50/p95/p99",
                    "KB mean");
            for (Case c : cases) {
                for (int i = 0; i < WARM_UP; i++) {
                    client.get(c.path().apply(i));
                }
                List<Double> server = new ArrayList<>();
                List<Double> trip = new ArrayList<>();
                long bytes = 0;
                for (int i = 0; i < REPS * rounds; i++) {
                    long t0 = System.nanoTime();
                    Timed t = client.get(c.path().apply(i));
                    trip.add((System.nanoTime() - t0) / 1e6);
                    server.add(t.serverMs());
                    bytes += t.bytes();
                }
                System.out.printf(Locale.ROOT, "  %-40s %6.1f %6.1f %8.1f   %6.1f %6.1f %8.1f   %8.1f%n", c.label(),
                        BenchStats.percentile(server, 50), BenchStats.percentile(server, 95),
                        BenchStats.percentile(server, 99), BenchStats.percentile(trip, 50),
                        BenchStats.percentile(trip, 95), BenchStats.percentile(trip, 99), bytes / 1024.0 / trip.size());
            }
            System.out.printf(Locale.ROOT, "  load average after: %.2f%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** The links to the queue's pages 2 to {@code n + 1}, followed from the first page as a reader would. */
    private static List<String> deepPages(Client client, int n) throws Exception {
        List<String> pages = new ArrayList<>();
        String path = "/incidents";
        for (int i = 0; i < n; i++) {
            Matcher m = NEXT.matcher(client.get(path).body());
            if (!m.find()) {
                break;
            }
            path = m.group(1).replace("&amp;", "&");
            pages.add(path);
        }
        if (pages.isEmpty()) {
            throw new IllegalStateException("the queue's first page has no next page: the store holds too few incidents");
        }
        return pages;
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private record Case(String label, IntFunction<String> path) {
    }

    private record Timed(double serverMs, long bytes, String body) {
    }

    private record Client(String base, String token, HttpClient http) {
        Client(String base, String token) {
            this(base, token, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        }

        Timed get(String path) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.body());
            }
            Matcher m = SERVER_TIMING.matcher(r.headers().firstValue("Server-Timing").orElse(""));
            if (!m.find()) {
                throw new IllegalStateException("GET " + path + ": no Server-Timing header");
            }
            return new Timed(Double.parseDouble(m.group(1)), r.body().getBytes(StandardCharsets.UTF_8).length, r.body());
        }
    }
}
