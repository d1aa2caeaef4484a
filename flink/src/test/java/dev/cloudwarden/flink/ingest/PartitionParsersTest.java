package dev.cloudwarden.flink.ingest;

import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.json.ReadAhead;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kafka records parsed as a growing file per partition: bad records are rejected by origin and reason, the rest read. */
class PartitionParsersTest {
    private static final String GOOD = "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"alice\"},"
            + "\"eventTime\":\"2026-11-01T10:00:0%dZ\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\","
            + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.7\",\"eventID\":\"e%d\"}";

    @Test
    void aBadRecordIsRejectedWithItsOriginAndTheRestAreRead() {
        PartitionParsers parsers = new PartitionParsers(List.of(new TopicBinding("ct", SourceType.CLOUDTRAIL)), ReadAhead.NONE);
        List<Ingested> out = new ArrayList<>();
        List<String> records = List.of(GOOD.formatted(1, 1), "{\"eventTime\": oops", GOOD.formatted(3, 3));
        for (int offset = 0; offset < records.size(); offset++) {
            parsers.parse(new KafkaLine("ct", 4, offset, 0, records.get(offset).getBytes(StandardCharsets.UTF_8)), out::add);
        }
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isInstanceOf(Ingested.Parsed.class);
        assertThat(((Ingested.Parsed) out.get(0)).event().origin().toString()).isEqualTo("ct/4:1");
        assertThat(out.get(1)).isInstanceOfSatisfying(Ingested.Rejected.class, r -> {
            assertThat(r.origin()).isEqualTo("ct/4:2");
            assertThat(r.reason()).isNotBlank();
        });
        assertThat(((Ingested.Parsed) out.get(2)).event().uid()).isEqualTo("e3");
    }

    @Test
    void aPartitionCanBeNamedAfterTheFileItWasLoadedFrom() {
        PartitionParsers parsers = new PartitionParsers(List.of(new TopicBinding("logs", null,
                List.of("logs/cloudtrail/a.jsonl"))), ReadAhead.NONE);
        List<Ingested> out = new ArrayList<>();
        parsers.parse(new KafkaLine("logs", 0, 41, 0, GOOD.formatted(1, 1).getBytes(StandardCharsets.UTF_8)), out::add);
        assertThat(((Ingested.Parsed) out.get(0)).event().origin().toString()).isEqualTo("logs/cloudtrail/a.jsonl:42");
    }

    @Test
    void anUnknownSourceInATopicBindingIsNamedWithTheSourcesThereAre() {
        assertThatThrownBy(() -> TopicBinding.parse("flows=vpc-flow-logs"))
                .hasMessageContaining("unknown source 'vpc-flow-logs' for topic 'flows'").hasMessageContaining("cloudtrail");
        assertThat(TopicBinding.parse("flows=vpcflow").source()).isEqualTo(SourceType.byId("vpcflow").orElseThrow());
    }
}
