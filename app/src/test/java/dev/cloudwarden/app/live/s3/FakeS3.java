package dev.cloudwarden.app.live.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * GetObject of several buckets on loopback, path-style ({@code /bucket/key}, the key percent-encoded by the SDK and
 * decoded here), answering a stored object, an S3 error (NoSuchKey, AccessDenied, InternalError) or 404.
 */
final class FakeS3 implements AutoCloseable {
    /** Every object's Last-Modified. */
    static final Instant MODIFIED = Instant.parse("2024-08-01T13:40:00Z");

    private final HttpServer server;
    private final Map<String, byte[]> objects = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Map<String, Integer> gets = new HashMap<>();

    FakeS3() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized void put(String bucket, String key, byte[] body) {
        objects.put(bucket + "/" + key, body);
        failures.remove(bucket + "/" + key);
    }

    /** GetObject of this key answers {@code status} (403, 500) until {@link #put} stores it. */
    synchronized void fail(String bucket, String key, int status) {
        failures.put(bucket + "/" + key, status);
    }

    synchronized int gets(String bucket, String key) {
        return gets.getOrDefault(bucket + "/" + key, 0);
    }

    private synchronized void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath().substring(1);
        gets.merge(path, 1, Integer::sum);
        Integer status = failures.get(path);
        byte[] body = objects.get(path);
        if (status != null) {
            reply(x, status, error(status == 403 ? "AccessDenied" : "InternalError", path));
        } else if (body == null) {
            reply(x, 404, error("NoSuchKey", path));
        } else {
            x.getResponseHeaders().set("Content-Type", "application/octet-stream");
            x.getResponseHeaders().set("Last-Modified",
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(MODIFIED.atOffset(ZoneOffset.UTC)));
            reply(x, 200, body);
        }
    }

    private static byte[] error(String code, String path) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + code
                + " for " + path + "</Message><RequestId>0</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange x, int status, byte[] body) throws IOException {
        if (status != 200) {
            x.getResponseHeaders().set("Content-Type", "application/xml");
        }
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
