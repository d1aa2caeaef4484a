package dev.cloudwarden.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench serve}: sustained HTTP ingest into {@code cloudwarden serve} over loopback, and the latency from a POST
 * to its alert in the store. The service runs as its own process on a fresh DuckDB store, as deployed (the launcher's
 * JVM options). Four clients send the CloudTrail file in bodies of 1,000 records, each sending a body again after a
 * 429 as told by {@code Retry-After}; events/s is the file's records over the time until the service has processed
 * and written them all. Meanwhile a probe sends one record every 250 ms that fires a single-record rule (logging
 * stopped, a new user each time) and times until that alert is listed by the API: p50/p95/p99 under load, then
 * again idle. Baseline in the same run: {@code cloudwarden scan} of the same file as a process (the same detection,
 * no HTTP, no store).
 */
final class ServeBench {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern PROCESSED = Pattern.compile("\"events_processed\":(\\d+)");
    private static final String RULE = "5729e94c-ff86-42ef-a49a-ebd6f187335c"; // cw_aws_logging_disabled
    private static final int BODY = 1000;
    private static final int CLIENTS = 4;

    private ServeBench() {
    }

    static void run(String[] args) throws Exception {
        BenchArgs opts = BenchArgs.parse(args, 1);
        Path app = Path.of("app", "target", "cloudwarden.jar").toAbsolutePath();
        List<String> lines = Files.readAllLines(opts.file());
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += BODY) {
            bodies.add(String.join("\n", lines.subList(i, Math.min(lines.size(), i + BODY))) + "\n");
        }
        System.out.printf(Locale.ROOT, "file %s: %,d records in %,d bodies; java %s, %d cpus%n", opts.file(),
                lines.size(), bodies.size(), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        for (int round = 0; round < opts.rounds(); round++) {
            double scanSeconds = scanBaseline(app, opts.file());
            Path dir = Files.createTempDirectory("cw-serve-bench");
            String store = dir.resolve("store.duckdb").toString();
            String token = lastLine(run(app, "tokens", "create", "--role", "analyst", "--store", store));
            Process serve = new ProcessBuilder(java(), "-XX:+UseSerialGC", "-jar", app.toString(), "serve", "--port", "0",
                    "--store", store).redirectErrorStream(true).start();
            try {
                int port = port(serve);
                Client client = new Client(port, token);
                Probe probe = new Probe(client);
                Thread probing = new Thread(probe, "probe");
                probing.start();
                long start = System.nanoTime();
                AtomicInteger refused = new AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
                AtomicInteger next = new AtomicInteger();
                List<Future<?>> sent = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    sent.add(pool.submit(() -> {
                        for (int b; (b = next.getAndIncrement()) < bodies.size(); ) {
                            client.sendAll(bodies.get(b), refused);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
                pool.shutdown();
                double postSeconds = (System.nanoTime() - start) / 1e9;
                long target = lines.size() + probe.sent.get();
                while (client.processed() < lines.size() + probe.sent.get()) {
                    Thread.sleep(50);
                }
                double loadSeconds = (System.nanoTime() - start) / 1e9;
                List<Double> underLoad = probe.stop();
                probing.join();
                Probe idle = new Probe(client);
                Thread idleProbing = new Thread(idle, "probe-idle");
                idleProbing.start();
                Thread.sleep(10_000);
                List<Double> quiet = idle.stop();
                idleProbing.join();
                System.out.printf(Locale.ROOT, "round %d: %,d events posted in %.2f s, processed by %.2f s: %,.0f events/s "
                                + "(%d bodies refused with 429 and sent again; %,d probes)%n", round, lines.size(), postSeconds,
                        loadSeconds, lines.size() / loadSeconds, refused.get(), target - lines.size());
                System.out.printf(Locale.ROOT, "round %d: POST to alert listed, under load: %s; idle: %s%n", round,
                        percentiles(underLoad), percentiles(quiet));
                System.out.printf(Locale.ROOT, "round %d: baseline cloudwarden scan of the same file: %.2f s, %,.0f events/s%n",
                        round, scanSeconds, lines.size() / scanSeconds);
            } finally {
                serve.destroy();
                serve.waitFor();
            }
        }
    }

    private static String percentiles(List<Double> millis) {
        if (millis.isEmpty()) {
            return "no probes";
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms (%d probes)",
                at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted.get(sorted.size() - 1), sorted.size());
    }

    private static double at(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static double scanBaseline(Path app, Path file) throws Exception {
        long t = System.nanoTime();
        Process p = new ProcessBuilder(java(), "-XX:+UseSerialGC", "-jar", app.toString(), "scan", "--format", "json",
                "--no-intel", file.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        return (System.nanoTime() - t) / 1e9;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String run(Path app, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-jar", app.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("cloudwarden " + String.join(" ", args) + " failed");
        }
        return out;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private static int port(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                CompletableFuture.runAsync(() -> out.lines().forEach(l -> { })); // never let its output block it
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IllegalStateException("the service did not start");
    }

    /** The API as a client uses it. */
    private record Client(HttpClient http, String base, String token) {
        Client(int port, String token) {
            this(HttpClient.newHttpClient(), "http://127.0.0.1:" + port, token);
        }

        HttpResponse<String> send(String method, String path, String body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        void sendAll(String body, AtomicInteger refused) throws Exception {
            while (true) {
                HttpResponse<String> r = send("POST", "/api/v1/events", body);
                if (r.statusCode() == 202) {
                    return;
                }
                if (r.statusCode() != 429) {
                    throw new IllegalStateException("POST answered " + r.statusCode() + ": " + r.body());
                }
                refused.incrementAndGet();
                Thread.sleep(1000L * Long.parseLong(r.headers().firstValue("Retry-After").orElse("1")));
            }
        }

        long processed() throws Exception {
            Matcher m = PROCESSED.matcher(send("GET", "/api/v1/health", null).body());
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }
    }

    /** Sends a record that fires a single-record rule every 250 ms and times until its alert is listed. */
    private static final class Probe implements Runnable {
        private static final AtomicLong USERS = new AtomicLong();
        private final Client client;
        private final List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger sent = new AtomicInteger();
        private volatile boolean stopping;

        Probe(Client client) {
            this.client = client;
        }

        @Override
        public void run() {
            try {
                while (!stopping) {
                    String user = "probe-" + USERS.incrementAndGet();
                    long t = System.nanoTime();
                    client.sendAll(record(user), new AtomicInteger());
                    sent.incrementAndGet();
                    // the probe's alert is the rule's newest (its time is now); polled lightly, so the probe does not
                    // take the CPU it measures
                    while (!client.send("GET", "/api/v1/alerts?rule=" + RULE + "&limit=3", null).body().contains(user)) {
                        Thread.sleep(25);
                    }
                    millis.add((System.nanoTime() - t) / 1e6);
                    Thread.sleep(250);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        List<Double> stop() {
            stopping = true;
            return millis;
        }

        private static String record(String user) {
            return ("{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAPROBE\","
                    + "\"arn\":\"arn:aws:iam::111122223333:user/%1$s\",\"accountId\":\"111122223333\",\"userName\":\"%1$s\"},"
                    + "\"eventTime\":\"%2$s\",\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"StopLogging\","
                    + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.9\",\"userAgent\":\"aws-cli/2.15\","
                    + "\"requestParameters\":{\"name\":\"org-trail\"},\"responseElements\":null,\"eventID\":\"%3$s\","
                    + "\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\"}\n")
                    .formatted(user, Instant.now(), java.util.UUID.randomUUID());
        }
    }
}
