package dev.cloudwarden.app.live.s3;

import dev.cloudwarden.app.live.Checkpointer;
import dev.cloudwarden.app.live.CountingSink;
import dev.cloudwarden.app.live.InputHealth;
import dev.cloudwarden.app.live.LiveConsumer;
import dev.cloudwarden.app.live.LiveInput;
import dev.cloudwarden.app.live.LiveStats;
import dev.cloudwarden.app.live.Offsets;
import dev.cloudwarden.app.live.Position;
import dev.cloudwarden.engine.ingest.Ingestor;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudTrail deliveries polled from S3. Under {@code AWSLogs/<account>/CloudTrail/<region>/} objects sit in day
 * prefixes {@code YYYY/MM/DD/}, and within a day their keys sort by delivery time, so the position is one key: the
 * last whose events are durable. Each poll lists that key's day with StartAfter, then the following days up to today
 * (UTC), and reads each object through the engine's ingestor (gzip, the {@code Records} document, the CloudTrail
 * parser) as {@code s3://bucket/key} ({@link S3ObjectReader}; digest files are skipped). An object that cannot be read
 * is reported as a rejection and passed: the position is one key, so holding it back would hold back every later
 * delivery; its events are lost, not retried for ever.
 */
public final class S3CloudTrail implements LiveInput {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final String name;
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final LocalDate firstDay;
    private final LiveConsumer consumer;
    private final Clock clock;
    private final int maxObjectsPerPoll;
    private final LiveStats stats;
    private final S3ObjectReader reader;
    private final Checkpointer checkpointer;
    private String lastKey;

    /**
     * @param prefix   {@code AWSLogs/<account>/CloudTrail/<region>/} (ending in a slash)
     * @param firstDay the day to start at when no position was committed yet
     */
    public S3CloudTrail(String name, S3Client s3, String bucket, String prefix, LocalDate firstDay, Ingestor ingestor,
                        Offsets offsets, LiveConsumer consumer, Clock clock, int maxObjectsPerPoll) throws IOException {
        this.name = name;
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
        this.firstDay = firstDay;
        this.consumer = consumer;
        this.clock = clock;
        this.maxObjectsPerPoll = maxObjectsPerPoll;
        this.stats = new LiveStats(name, "objects", clock);
        this.reader = new S3ObjectReader(s3, ingestor, stats, new CountingSink(consumer, stats));
        this.checkpointer = new Checkpointer(name, offsets, stats);
        Position p = offsets.load(name).get(this.prefix);
        lastKey = p == null || p.name().isEmpty() ? null : p.name();
        stats.followed(1);
    }

    @Override
    public InputHealth health() {
        return stats.health();
    }

    @Override
    public boolean poll() {
        List<S3Object> pending;
        try {
            pending = listPending();
        } catch (SdkException e) {
            stats.error("s3://" + bucket + "/" + prefix + ": cannot list: " + e.getMessage());
            return false;
        }
        stats.lag(pending.size());
        List<S3Object> batch = pending.subList(0, Math.min(pending.size(), maxObjectsPerPoll));
        for (S3Object o : batch) {
            S3ObjectReader.Unread unread = reader.read(bucket, o.key(), o.lastModified());
            if (unread != null) {
                reader.reject(unread);
            }
            lastKey = o.key();
        }
        stats.lag(pending.size() - batch.size());
        if (!batch.isEmpty()) {
            checkpointer.request(consumer, List.of(Position.marker(prefix, lastKey)), () -> { });
        }
        return !batch.isEmpty();
    }

    /** Objects after the position: the rest of its day, then every later day up to today. */
    private List<S3Object> listPending() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate day = lastKey == null ? firstDay : dayOf(lastKey);
        List<S3Object> found = new ArrayList<>();
        for (; !day.isAfter(today) && found.size() < maxObjectsPerPoll; day = day.plusDays(1)) {
            var request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix + DAY.format(day) + "/");
            if (lastKey != null && lastKey.compareTo(prefix + DAY.format(day) + "/") > 0) {
                request.startAfter(lastKey);
            }
            for (var page : s3.listObjectsV2Paginator(request.build())) {
                found.addAll(page.contents());
            }
        }
        return found;
    }

    private LocalDate dayOf(String key) {
        String rest = key.startsWith(prefix) ? key.substring(prefix.length()) : "";
        try {
            return LocalDate.parse(rest.substring(0, Math.min(10, rest.length())), DAY);
        } catch (DateTimeParseException e) {
            stats.error("s3://" + bucket + "/" + key + ": the position is not under a day prefix; starting at "
                    + firstDay);
            return firstDay;
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
