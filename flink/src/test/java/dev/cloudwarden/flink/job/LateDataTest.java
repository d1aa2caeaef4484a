package dev.cloudwarden.flink.job;

import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.flink.ingest.TopicBinding;
import dev.cloudwarden.flink.serial.EngineSerializers;
import dev.cloudwarden.flink.testing.SharedKafka;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event older than the watermark (more out of order than the lateness bound) leaves on the late side output, named
 * by its origin, and is counted; one out of order within the bound is not late.
 */
class LateDataTest {
    @Test
    void lateEventsGoToTheSideOutput() throws Exception {
        String bootstrap = SharedKafka.get().bootstrapServers();
        SharedKafka.get().createTopic("late-logs", 1);
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (String time : List.of("10:00", "10:50", "12:00", "11:30", "10:30", "12:05")) {
                p.send(new ProducerRecord<>("late-logs", call(time))).get();
            }
        }
        JobSpec spec = JobSpec.defaults().withAllowedLateness(Duration.ofHours(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        EngineSerializers.register(env);
        KafkaEvents input = new KafkaEvents(bootstrap, List.of(new TopicBinding("late-logs", SourceType.CLOUDTRAIL)),
                "late", true, null);
        DetectionJob.Streams out = DetectionJob.build(spec, input.read(env, spec), null, false);
        List<String> late = new ArrayList<>();
        out.late().map(e -> e.origin() + " " + e.time()).executeAndCollect().forEachRemaining(late::add);
        // the watermark after 12:00 is 10:59:59.999: 11:30 is within the bound, 10:30 is not
        assertThat(late).containsExactly("late-logs/0:5 2026-11-01T10:30:00Z");
    }

    private static String call(String time) {
        return "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"alice\","
                + "\"accountId\":\"111122223333\"},\"eventTime\":\"" + Instant.parse("2026-11-01T" + time + ":00Z")
                + "\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\",\"awsRegion\":\"us-east-1\","
                + "\"sourceIPAddress\":\"198.51.100.7\",\"eventID\":\"" + time + "\",\"eventType\":\"AwsApiCall\"}";
    }
}
