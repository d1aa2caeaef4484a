package dev.cloudwarden.engine.ingest.envelope;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.event.TimeBasis;
import dev.cloudwarden.engine.ingest.GoldenFiles;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.read.Input;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records as they arrive wrapped: each envelope's golden file (inputs described in {@code golden/README.md}), and
 * what the events inside must show: their own source, the envelope's time when they had none, their place.
 */
class EnvelopeGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"logstash-message.jsonl", "elastic-fields.jsonl", "cloudwatch-lambda.json",
            "firehose-cloudwatch.json", "cloudwatch-get-log-events.json", "eventhubs-records.json",
            "eventhubs-batches.jsonl", "pubsub.jsonl", "k8s-eventlist.json", "eventbridge-firehose.jsonl"})
    void everyEnvelopeGivesTheRecordsInsideAsTheirSourcesEvents(String file) {
        List<Event> events = GoldenFiles.check("envelope/" + file);
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.source()).isNotNull());
    }

    @Test
    void logstashMessagesAreTheirRecordsAndTheShippersTimeStandsInForAMissingOne() {
        List<Event> events = GoldenFiles.check("envelope/logstash-message.jsonl");
        assertThat(events).extracting(Event::source).containsExactly(SourceType.CLOUDTRAIL, SourceType.CLOUDTRAIL,
                SourceType.CLOUDTRAIL, SourceType.CLOUDTRAIL, SourceType.GENERIC_JSON);
        assertThat(events.get(0).timeBasis()).isEqualTo(TimeBasis.RECORD);
        assertThat(events.get(3).timeBasis()).isEqualTo(TimeBasis.ENVELOPE);
        assertThat(events.get(3).time().toString()).isEqualTo("2024-07-30T21:40:02.118Z");
        assertThat(events.get(3).origin().toString()).isEqualTo("logstash-message.jsonl:4");
    }

    @Test
    void elasticFieldsAtTheTopAreTheRecordAndHitsAmongThemAreUnwrapped() {
        List<Event> events = GoldenFiles.check("envelope/elastic-fields.jsonl");
        assertThat(events).extracting(e -> e.operation().name()).containsExactly("DeleteResolverQueryLogConfig",
                "AttachUserPolicy", "CreateAccessKey");
        assertThat(events).extracting(Event::timeBasis).containsExactly(TimeBasis.ENVELOPE, TimeBasis.RECORD,
                TimeBasis.RECORD);
    }

    @Test
    void cloudWatchEventsKeepTheirLineAndPlaceAndTheControlMessageIsSkipped() {
        GoldenFiles.Collected c = GoldenFiles.read(GoldenFiles.resource("envelope/firehose-cloudwatch.json"),
                IngestOptions.defaults());
        assertThat(c.skipped).containsExactly("firehose-cloudwatch.json:record 0 (line 1): CloudWatch Logs control message");
        assertThat(c.events).extracting(Event::source).containsExactly(SourceType.VPC_FLOW, SourceType.VPC_FLOW,
                SourceType.CLOUDTRAIL);
        assertThat(c.events.get(1).origin().toString()).isEqualTo("firehose-cloudwatch.json:record 1 (line 1)");
    }

    @Test
    void anEventHubsBatchMixesSourcesAndAksAuditEventsTakeTheRecordsTime() {
        List<Event> events = GoldenFiles.check("envelope/eventhubs-records.json");
        assertThat(events).extracting(Event::source).containsExactly(SourceType.AZURE_ACTIVITY, SourceType.AZURE_SIGNIN,
                SourceType.K8S_AUDIT, SourceType.K8S_AUDIT);
        assertThat(events.get(3).timeBasis()).isEqualTo(TimeBasis.ENVELOPE);
        assertThat(events.get(3).time().toString()).isEqualTo("2024-05-14T09:12:45.500Z");
        // streamed: each record where it starts in the pretty-printed document
        assertThat(events).extracting(e -> e.origin().line()).doesNotHaveDuplicates();
    }

    @Test
    void pubSubDataIsTheLogEntryAndThePublishTimeStandsInForAMissingTimestamp() {
        List<Event> events = GoldenFiles.check("envelope/pubsub.jsonl");
        assertThat(events).extracting(Event::source).containsOnly(SourceType.GCP_AUDIT);
        assertThat(events.get(3).timeBasis()).isEqualTo(TimeBasis.ENVELOPE);
        assertThat(events.get(3).time().toString()).isEqualTo("2024-02-01T12:00:09.250Z");
    }

    @Test
    void aBrokenRecordInsideAnEnvelopeIsRejectedByItsOwnPlaceAndText() {
        String in = "{\"records\":[{\"time\":\"2024-01-01T00:00:00Z\",\"operationName\":\"a/b\",\"resourceId\":\"/x\"},"
                + "{\"category\":\"kube-audit\",\"time\":\"2024-01-01T00:00:01Z\",\"properties\":{\"log\":\"{\\\"kind\\\":\"}}]}\n"
                + "{\"awslogs\":{\"data\":\"not base64!\"}}\n";
        GoldenFiles.Collected c = new GoldenFiles.Collected();
        new Ingestor(IngestOptions.defaults()).read(Input.bytes("hub.jsonl", in.getBytes(StandardCharsets.UTF_8),
                GoldenFiles.REFERENCE_TIME), c);
        assertThat(c.skipped).isEmpty();
        assertThat(c.events).hasSize(1);
        assertThat(c.rejections).extracting(Rejection::message).containsExactly(
                "hub.jsonl:record 1 (line 1): properties.log: invalid JSON: Unexpected end-of-input within/between Object entries at column 9",
                "hub.jsonl:2: awslogs.data: not base64: Last unit does not have enough valid bits");
        assertThat(c.rejectionText(0)).isEqualTo("{\"kind\":");
    }
}
