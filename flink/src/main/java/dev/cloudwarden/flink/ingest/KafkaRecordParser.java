package dev.cloudwarden.flink.ingest;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.IngestSink;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.LineFeed;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.read.ContainerFormat;
import dev.cloudwarden.flink.job.JobSpec;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Kafka records with the engine's readers, in the source task: each partition is read as a file that grows
 * ({@link LineFeed}), so its parser is chosen by its first record (or forced per topic), keeps its state from record
 * to record (a flow log's header, the time of the record before), and names each event's origin
 * {@code topic/partition} with line {@code offset + 1}. A record's lines each become an event or a rejection; nothing
 * is dropped without one.
 */
public final class KafkaRecordParser implements KafkaRecordDeserializationSchema<Ingested> {
    private static final long serialVersionUID = 1L;

    private final JobSpec spec;
    private final Map<String, TopicBinding> topics = new HashMap<>();
    private transient Map<String, LineFeed> feeds;
    private transient Map<String, Ingestor> ingestors;
    private transient IngestOptions options;
    private transient Collector<Ingested> current;

    public KafkaRecordParser(JobSpec spec, List<TopicBinding> bindings) {
        this.spec = spec;
        bindings.forEach(b -> topics.put(b.topic(), b));
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        feeds = new HashMap<>();
        ingestors = new HashMap<>();
        // the fields the rules test are picked up while parsing, as the CLI's reader does
        options = IngestOptions.defaults().withReadAhead(new dev.cloudwarden.engine.run.StreamOperators(spec.runConfig()).readAhead());
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) {
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            return; // a tombstone or an empty record holds no line
        }
        byte[] lines = value[value.length - 1] == '\n' ? value : withNewline(value);
        String input = record.topic() + "/" + record.partition();
        current = out;
        try {
            LineFeed feed = feeds.get(input);
            if (feed == null) {
                Ingestor ingestor = ingestor(record.topic());
                ContainerFormat format = ingestor.format(lines, lines.length);
                if (format != ContainerFormat.TEXT_LINES && format != ContainerFormat.JSON_LINES) {
                    // a document (a JSON array, a CloudTrail file's {"Records": [...]}) is read whole, record by record
                    format = ContainerFormat.JSON_LINES;
                }
                feed = ingestor.feed(input, Instant.ofEpochMilli(Math.max(0, record.timestamp())), format, sink());
                feeds.put(input, feed);
            }
            feed.read(new ByteArrayInputStream(lines), record.offset());
        } finally {
            current = null;
        }
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return TypeInformation.of(Ingested.class);
    }

    private Ingestor ingestor(String topic) {
        return ingestors.computeIfAbsent(topic, t -> {
            TopicBinding b = topics.get(t);
            return new Ingestor(b == null || b.source() == null ? options : options.withForcedSource(b.source()));
        });
    }

    private IngestSink sink() {
        return new IngestSink() {
            @Override
            public void onEvent(Event event) {
                current.collect(new Ingested.Parsed(event));
            }

            @Override
            public void onRejected(Rejection rejection) {
                Origin o = rejection.origin();
                current.collect(new Ingested.Rejected(o.toString(), rejection.reason()));
            }
        };
    }

    private static byte[] withNewline(byte[] value) {
        byte[] b = new byte[value.length + 1];
        System.arraycopy(value, 0, b, 0, value.length);
        b[value.length] = '\n';
        return b;
    }
}
