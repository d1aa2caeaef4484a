package dev.cloudwarden.flink.ingest;

import dev.cloudwarden.engine.event.SourceType;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A topic to read and how its records are parsed: with a named source's parser, or, with none, each partition's
 * parser chosen by its first record (as a file's is by its first line). A record is one line: a log line or a JSON
 * record (NDJSON), or several such lines.
 *
 * @param topic          the Kafka topic
 * @param source         the parser to force; null: detected
 * @param partitionNames what to call each partition in events' origins, by partition number (a replay of files
 *                       names each partition after its file, so origins are the files' lines); empty:
 *                       {@code topic/partition}
 */
public record TopicBinding(String topic, SourceType source, List<String> partitionNames) implements Serializable {
    private static final long serialVersionUID = 1L;

    public TopicBinding {
        Objects.requireNonNull(topic, "topic");
        partitionNames = partitionNames == null ? List.of() : List.copyOf(partitionNames);
    }

    public TopicBinding(String topic, SourceType source) {
        this(topic, source, List.of());
    }

    /** The name given to a partition's events' origin, or null to use {@code topic/partition}. */
    public String partitionName(int partition) {
        return partition < partitionNames.size() ? partitionNames.get(partition) : null;
    }

    /**
     * {@code TOPIC} or {@code TOPIC=SOURCE} (a source id as {@code cloudwarden scan --source} takes it).
     *
     * @throws IllegalArgumentException naming an unknown source and the ones there are
     */
    public static TopicBinding parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) {
            return new TopicBinding(spec, null);
        }
        String id = spec.substring(eq + 1);
        SourceType source = SourceType.byId(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown source '" + id + "' for topic '" + spec.substring(0, eq) + "'; sources: "
                        + String.join(", ", SourceType.ids())));
        return new TopicBinding(spec.substring(0, eq), source);
    }
}
