package dev.cloudwarden.app.server;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.CollectingSink;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.read.Input;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * {@code POST /api/v1/events}: a body of records in any layout a file may have (NDJSON, a JSON array, a CloudTrail
 * {@code {"Records":[...]}} file, log lines), gzip-compressed or not, optionally {@code ?source=} to skip detection.
 * The records are parsed here, on the request's thread, and queued whole for the detection run: 202 when all were
 * read; 400 naming each bad record's line and reason when some were not (the good ones are queued and counted); 413
 * when the body, or what it inflates to, is over the limit; 429 with {@code Retry-After} when the queue has no room,
 * and then nothing of the body was taken, so the client sends it again.
 */
final class EventsEndpoint {
    private static final int MAX_REPORTED_ERRORS = 100;

    private final EventQueue queue;
    private final ServiceMetrics metrics;
    private final long maxBodyBytes;
    private final AtomicLong requests = new AtomicLong();

    EventsEndpoint(EventQueue queue, ServiceMetrics metrics, long maxBodyBytes) {
        this.queue = queue;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    void handle(Context ctx) throws IOException {
        IngestOptions options = IngestOptions.defaults();
        String source = ctx.queryParam("source");
        if (source != null) {
            SourceType type = SourceType.byId(source).orElseThrow(() -> ApiException.badRequest(
                    "unknown source '" + source + "'; known: " + String.join(", ", SourceType.ids())));
            options = options.withForcedSource(type);
        }
        byte[] body = inflated(ctx.bodyAsBytes(), ctx.header("Content-Encoding"));
        String input = "http:" + ApiServer.caller(ctx).name() + "#" + requests.incrementAndGet();
        CollectingSink read = new CollectingSink(); // the body is in memory already; its events are bounded by it
        new Ingestor(options).read(Input.bytes(input, body, Instant.now()), read);
        List<Event> events = read.events;
        List<Rejection> rejections = read.rejections;
        if (!events.isEmpty() && !queue.offer(new EventQueue.Batch(input, events, null))) {
            metrics.refused.inc();
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "the detection queue is full ("
                    + queue.depth() + " events waiting); send the body again later", Map.of("Retry-After", "1"));
        }
        metrics.eventsReceived.labelValues("http").inc(events.size());
        metrics.rejected.labelValues("http").inc(rejections.size());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", events.size());
        answer.put("rejected", rejections.size());
        if (!rejections.isEmpty()) {
            answer.put("errors", rejections.stream().limit(MAX_REPORTED_ERRORS)
                    .map(r -> Map.of("line", r.origin().line(), "reason", r.reason())).toList());
        }
        ctx.status(rejections.isEmpty() ? HttpStatus.ACCEPTED : HttpStatus.BAD_REQUEST).json(answer);
    }

    /**
     * The body as records: gzip (announced, or found by its magic bytes) is undone here with the same limit as the
     * body, so a small compressed body cannot inflate into gigabytes.
     */
    private byte[] inflated(byte[] body, String encoding) throws IOException {
        boolean gzip = "gzip".equalsIgnoreCase(encoding)
                || body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
        if (!gzip) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                if (out.size() + n > maxBodyBytes) {
                    throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "the body inflates to more than "
                            + maxBodyBytes + " bytes", Map.of());
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not valid gzip: " + e.getMessage());
        }
        return out.toByteArray();
    }
}
