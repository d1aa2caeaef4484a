package dev.cloudwarden.app.intel.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TAXII 2.1 server over loopback for tests: discovery at {@code /taxii2/}, one API root {@code /api1/}, its
 * collections, and {@code objects/} with {@code added_after}, {@code limit} and {@code next} paging. It checks
 * credentials (basic {@code analyst:s3cret} or bearer {@code tok-123}) and answers 401 otherwise.
 *
 * <p>Collections: {@code reports} (the STIX samples of {@code src/test/resources/intel/stix}, each object added a
 * second after the previous one, from 2024-01-01T00:00:00Z), {@code no-next} (the same, paging by
 * {@code X-TAXII-Date-Added-Last} only), {@code slow} (answers after 5 s), {@code trickle} (headers, then a byte every
 * 100 ms forever), {@code garbage} (binary noise as JSON), {@code endless} (a body that never ends),
 * {@code busy} (429 with {@code Retry-After: 1} twice, then the reports), {@code malformed} (an envelope with bad
 * objects among good ones), {@code loop} (always {@code more}, always the same {@code next}), {@code half} (a first
 * page of 30 objects, then HTTP 500). Under {@code /misp/} it
 * serves the MISP feed of {@code src/test/resources/intel/misp/feed} as static files.
 */
public final class TaxiiTestServer implements AutoCloseable {
    public static final String USER = "analyst";
    public static final String PASSWORD = "s3cret";
    public static final String TOKEN = "tok-123";
    public static final Instant FIRST_ADDED = Instant.parse("2024-01-01T00:00:00Z");
    static final String[] SAMPLES = {"indicator-for-c2-ip-address.json", "indicators-for-C2-with-COA.json",
            "malicious-email-indicator-with-attachment.json", "poisonivy.json"};

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "taxii-test-server");
        t.setDaemon(true);
        return t;
    });
    private final List<ObjectNode> reports = new ArrayList<>();
    private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger busy = new AtomicInteger();
    private final Map<String, List<ObjectNode>> extra = new HashMap<>();

    public TaxiiTestServer() throws IOException {
        for (String s : SAMPLES) {
            try (InputStream in = TaxiiTestServer.class.getResourceAsStream("/intel/stix/" + s)) {
                for (JsonNode o : json.readTree(in).path("objects")) {
                    reports.add((ObjectNode) o);
                }
            }
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code objects} as collection {@code id} (added a second apart from {@link #FIRST_ADDED}). */
    public void addCollection(String id, List<ObjectNode> objects) {
        extra.put(id, List.copyOf(objects));
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public URI apiRoot() {
        return base().resolve("api1/");
    }

    /** {@code taxii+http://.../api1/collections/<id>}. */
    public String source(String collection) {
        return "taxii+" + apiRoot() + "collections/" + collection;
    }

    public List<ObjectNode> reports() {
        return reports;
    }

    /** The paths and queries asked so far. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            requests.add(x.getRequestURI().toString());
            if (!authorized(x)) {
                send(x, 401, "{\"title\":\"Unauthorized\",\"http_status\":\"401\"}");
                return;
            }
            if (path.startsWith("/misp/")) {
                // a MISP feed as static files: src/test/resources/intel/misp/feed
                try (InputStream in = TaxiiTestServer.class.getResourceAsStream("/intel/misp/feed/" + path.substring(6))) {
                    if (in == null || path.substring(6).contains("/")) {
                        send(x, 404, "not found");
                    } else {
                        send(x, 200, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
                return;
            }
            if (!x.getRequestHeaders().getFirst("Accept").startsWith("application/taxii+json")) {
                send(x, 406, "{\"title\":\"Not Acceptable\"}");
                return;
            }
            if (path.equals("/taxii2/")) {
                send(x, 200, "{\"title\":\"CloudWarden test TAXII\",\"default\":\"/api1/\",\"api_roots\":[\"/api1/\"]}");
            } else if (path.equals("/api1/")) {
                send(x, 200, "{\"title\":\"Test root\",\"versions\":[\"application/taxii+json;version=2.1\"],"
                        + "\"max_content_length\":10485760}");
            } else if (path.equals("/api1/collections/")) {
                StringBuilder b = new StringBuilder("{\"collections\":[");
                String[] ids = {"reports", "no-next", "slow", "garbage"};
                for (int i = 0; i < ids.length; i++) {
                    b.append(i == 0 ? "" : ",").append("{\"id\":\"").append(ids[i]).append("\",\"title\":\"")
                            .append(ids[i]).append("\",\"can_read\":true,\"can_write\":false}");
                }
                send(x, 200, b.append("]}").toString());
            } else if (path.startsWith("/api1/collections/") && path.endsWith("/objects/")) {
                objects(x, path.substring("/api1/collections/".length(), path.length() - "/objects/".length()));
            } else {
                send(x, 404, "{\"title\":\"Not Found\"}");
            }
        } catch (IOException | RuntimeException e) {
            // the client hung up (a timeout or size-limit test): nothing to answer
        }
    }

    private boolean authorized(HttpExchange x) {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return basic.equals(auth) || ("Bearer " + TOKEN).equals(auth);
    }

    private void objects(HttpExchange x, String collection) throws IOException {
        Map<String, String> q = query(x.getRequestURI());
        switch (collection) {
            case "reports", "no-next" -> page(x, reports, q, collection.equals("reports"));
            case "busy" -> {
                if (busy.getAndIncrement() < 2) {
                    x.getResponseHeaders().add("Retry-After", "1");
                    send(x, 429, "{\"title\":\"Too Many Requests\"}");
                } else {
                    page(x, reports, q, true);
                }
            }
            case "slow" -> {
                sleep(5000);
                send(x, 200, "{\"objects\":[]}");
            }
            case "trickle" -> {
                x.getResponseHeaders().add("Content-Type", TaxiiClient.MEDIA_TYPE);
                x.sendResponseHeaders(200, 0);
                OutputStream out = x.getResponseBody();
                out.write("{\"objects\":[".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 600; i++) {
                    out.write(' ');
                    out.flush();
                    sleep(100);
                }
            }
            case "garbage" -> {
                byte[] noise = new byte[4096];
                new java.util.Random(7).nextBytes(noise);
                x.getResponseHeaders().add("Content-Type", TaxiiClient.MEDIA_TYPE);
                x.sendResponseHeaders(200, noise.length);
                x.getResponseBody().write(noise);
            }
            case "endless" -> {
                x.getResponseHeaders().add("Content-Type", TaxiiClient.MEDIA_TYPE);
                x.sendResponseHeaders(200, 0);
                OutputStream out = x.getResponseBody();
                byte[] chunk = ("{\"type\":\"indicator\"},".repeat(1000)).getBytes(StandardCharsets.US_ASCII);
                out.write("{\"objects\":[".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 1_000_000; i++) {
                    out.write(chunk);
                }
            }
            case "malformed" -> send(x, 200, "{\"more\":false,\"objects\":["
                    + "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--a1b2c3d4-0000-4000-8000-000000000001\","
                    + "\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\",\"pattern_type\":\"stix\","
                    + "\"pattern\":\"[ipv4-addr:value = '198.51.100.7']\",\"valid_from\":\"2024-01-01T00:00:00Z\"},"
                    + "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--a1b2c3d4-0000-4000-8000-000000000002\","
                    + "\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\",\"pattern_type\":\"stix\","
                    + "\"pattern\":\"[ipv4-addr:value = \",\"valid_from\":\"2024-01-01T00:00:00Z\"},"
                    + "42,"
                    + "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--a1b2c3d4-0000-4000-8000-000000000003\","
                    + "\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\",\"pattern_type\":\"stix\","
                    + "\"pattern\":\"[domain-name:value = 'c2.example.net']\",\"valid_from\":\"2024-01-01T00:00:00Z\"}"
                    + "]}");
            case "loop" -> send(x, 200, "{\"more\":true,\"next\":\"same\",\"objects\":[]}");
            case "half" -> {
                if (q.containsKey("next")) {
                    send(x, 500, "{\"title\":\"Internal Server Error\"}");
                } else {
                    ObjectNode env = json.createObjectNode();
                    env.put("more", true);
                    env.put("next", "page-2");
                    ArrayNode arr = env.putArray("objects");
                    reports.subList(0, 30).forEach(arr::add);
                    x.getResponseHeaders().add("X-TAXII-Date-Added-First", added(0).toString());
                    x.getResponseHeaders().add("X-TAXII-Date-Added-Last", added(29).toString());
                    send(x, 200, json.writeValueAsString(env));
                }
            }
            default -> {
                List<ObjectNode> objects = extra.get(collection);
                if (objects == null) {
                    send(x, 404, "{\"title\":\"Not Found\",\"description\":\"no collection " + collection + "\"}");
                } else {
                    page(x, objects, q, true);
                }
            }
        }
    }

    /** One page: objects added after {@code added_after}, from offset {@code next}, at most {@code limit}. */
    private void page(HttpExchange x, List<ObjectNode> all, Map<String, String> q, boolean withNext) throws IOException {
        Instant after = q.containsKey("added_after") ? Instant.parse(q.get("added_after")) : null;
        int limit = q.containsKey("limit") ? Math.min(Integer.parseInt(q.get("limit")), 100) : 100;
        int from = q.containsKey("next") ? Integer.parseInt(q.get("next")) : 0;
        List<Integer> selected = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (after == null || added(i).isAfter(after)) {
                selected.add(i);
            }
        }
        int end = Math.min(selected.size(), from + limit);
        ObjectNode env = json.createObjectNode();
        boolean more = end < selected.size();
        env.put("more", more);
        if (more && withNext) {
            env.put("next", Integer.toString(end));
        }
        ArrayNode arr = env.putArray("objects");
        for (int k = from; k < end; k++) {
            arr.add(all.get(selected.get(k)));
        }
        if (end > from) {
            x.getResponseHeaders().add("X-TAXII-Date-Added-First", added(selected.get(from)).toString());
            x.getResponseHeaders().add("X-TAXII-Date-Added-Last", added(selected.get(end - 1)).toString());
        }
        send(x, 200, json.writeValueAsString(env));
    }

    static Instant added(int index) {
        return FIRST_ADDED.plusSeconds(index);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                int eq = kv.indexOf('=');
                q.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", TaxiiClient.MEDIA_TYPE);
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted"));
        }
    }
}
