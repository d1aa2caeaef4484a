package dev.cloudwarden.flink.ingest;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.IngestSink;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.LineFeed;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.json.ReadAhead;
import dev.cloudwarden.engine.ingest.read.ContainerFormat;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Parses Kafka records with the engine's readers: each partition is read as a file that grows ({@link LineFeed}), so
 * its parser is chosen by its first record (or forced per topic), keeps its state from record to record (a flow
 * log's header, the time of the record before), and names each event's origin {@code topic/partition} with line
 * {@code offset + 1}. A record's lines each become an event or a rejection; nothing is dropped without one. One
 * instance per task; not thread-safe.
 */
public final class PartitionParsers {
    private final Map<String, TopicBinding> topics = new HashMap<>();
    private final Map<String, LineFeed> feeds = new HashMap<>();
    private final Map<String, Ingestor> ingestors = new HashMap<>();
    private final IngestOptions options;
    private final IngestSink sink = new Sink();
    private Consumer<Ingested> current;

    /** @param readAhead the fields the rules test, picked up while parsing as the CLI's reader does */
    public PartitionParsers(List<TopicBinding> bindings, ReadAhead readAhead) {
        bindings.forEach(b -> topics.put(b.topic(), b));
        options = IngestOptions.defaults().withReadAhead(readAhead);
    }

    /** Parses one record; every event and rejection goes to {@code out} before this returns. */
    public void parse(KafkaLine record, Consumer<Ingested> out) {
        byte[] value = record.value();
        byte[] lines = value[value.length - 1] == '\n' ? value : withNewline(value);
        TopicBinding binding = topics.get(record.topic());
        String named = binding == null ? null : binding.partitionName(record.partition());
        String input = named != null ? named : record.input();
        current = out;
        try {
            LineFeed feed = feeds.get(input);
            if (feed == null) {
                Ingestor ingestor = ingestor(record.topic());
                ContainerFormat format = ingestor.format(lines, lines.length);
                if (format != ContainerFormat.TEXT_LINES && format != ContainerFormat.JSON_LINES) {
                    // a whole document on one line is one JSON record to the reader, which unwraps envelopes
                    format = ContainerFormat.JSON_LINES;
                }
                feed = ingestor.feed(input, Instant.ofEpochMilli(Math.max(0, record.timestamp())), format, sink);
                feeds.put(input, feed);
            }
            feed.read(new ByteArrayInputStream(lines), record.offset());
        } finally {
            current = null;
        }
    }

    private Ingestor ingestor(String topic) {
        return ingestors.computeIfAbsent(topic, t -> {
            TopicBinding b = topics.get(t);
            return new Ingestor(b == null || b.source() == null ? options : options.withForcedSource(b.source()));
        });
    }

    private final class Sink implements IngestSink {
        @Override
        public void onEvent(Event event) {
            current.accept(new Ingested.Parsed(event));
        }

        @Override
        public void onRejected(Rejection rejection) {
            current.accept(new Ingested.Rejected(rejection.origin().toString(), rejection.reason()));
        }
    }

    private static byte[] withNewline(byte[] value) {
        byte[] b = new byte[value.length + 1];
        System.arraycopy(value, 0, b, 0, value.length);
        b[value.length] = '\n';
        return b;
    }
}
