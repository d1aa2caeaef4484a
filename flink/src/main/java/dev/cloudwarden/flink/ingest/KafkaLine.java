package dev.cloudwarden.flink.ingest;

/** A Kafka record to parse: where it came from (for its partition's parser and its events' origin) and its bytes. */
public record KafkaLine(String topic, int partition, long offset, long timestamp, byte[] value) {
    /** The partition as an input name: {@code topic/partition}. */
    public String input() {
        return topic + "/" + partition;
    }
}
