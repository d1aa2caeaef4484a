package dev.cloudwarden.engine.incident;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.CollectingSink;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.read.Input;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What left the estate, counted on records read by the real parsers: AWS's own flow-log examples (plus flows to a
 * mining pool and an internal host), Apache combined lines, S3 access logs, and CloudTrail S3 events.
 */
class ExposedBytesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @Test
    void aFlowCountsOnlyWhenItLeftForTheInternetAndWasAccepted() throws IOException {
        List<Event> flows = read("vpcflow/default-v2.log");
        assertThat(exposed(flows, "10.0.1.27", "198.51.100.77")).as("to a mining pool").isEqualTo(981_233);
        assertThat(exposed(flows, "10.0.1.27", "10.0.2.14")).as("between private hosts").isZero();
        assertThat(exposed(flows, "203.0.113.12", "172.31.16.139")).as("inbound").isZero();
        assertThat(exposed(flows, "172.31.16.139", "203.0.113.12")).as("outbound but rejected").isZero();
    }

    @Test
    void aWebResponseCountsWhatTheClientTookUnlessTheRequestFailed() throws IOException {
        List<Event> lines = read("web/apache-combined.log");
        Event page = lines.get(0);
        assertThat(ExposedBytes.of(page)).isEqualTo(10_918);
        Event notFound = lines.get(2);
        assertThat(ExposedBytes.of(notFound)).isZero();
    }

    @Test
    void anS3ReadCountsTheBytesS3SentAndAFailedOneNone() throws IOException {
        // AWS's documented form of an S3 data event (CloudTrail user guide, "S3 data events"): a read of 52,144 bytes
        String read = """
                {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/alice",\
                "accountId":"111122223333","accessKeyId":"AKIAEXAMPLE","userName":"alice"},"eventTime":"2026-03-19T10:00:00Z",\
                "eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.9",\
                "userAgent":"aws-cli/2.15","requestParameters":{"bucketName":"payroll","key":"2026/march.csv"},"responseElements":null,\
                "additionalEventData":{"bytesTransferredIn":0,"bytesTransferredOut":52144},"eventID":"5b0fd9e1-0000-4000-8000-000000000001",\
                "readOnly":true,"eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"111122223333","eventCategory":"Data"}
                """;
        assertThat(read("get-object.json", read).stream().mapToLong(ExposedBytes::of).sum()).isEqualTo(52_144);
        // Panther's record of a GetBucketLifecycle that failed (NoSuchLifecycleConfiguration) still says 313 bytes out
        List<Event> trail = read("cloudtrail/panther-cloudtrail.jsonl");
        assertThat(trail.stream().filter(e -> "GetBucketLifecycle".equals(e.operation().name())).mapToLong(ExposedBytes::of).sum())
                .isZero();
    }

    @Test
    void anS3AccessLogLineCountsTheBytesSentToTheRequester() throws IOException {
        List<Event> lines = read("s3access/aws-examples.log");
        Event versioning = lines.get(0);
        assertThat(versioning.operation().name()).isEqualTo("REST.GET.VERSIONING");
        assertThat(ExposedBytes.of(versioning)).isEqualTo(113);
        List<Event> denied = read("s3access/panther.log").stream().filter(e -> "REST.GET.OBJECT".equals(e.operation().name())).toList();
        assertThat(denied).isNotEmpty().allSatisfy(e -> assertThat(ExposedBytes.of(e)).isZero());
    }

    @Test
    void anEventInTwoAlertsOfAnIncidentCountsOnce() throws IOException {
        List<Event> flows = read("vpcflow/default-v2.log");
        Event pool = flows.stream().filter(e -> "198.51.100.77".equals(e.dst().ip())).findFirst().orElseThrow();
        Instant t = pool.time();
        Alert volume = new Alert("a1", "volume", "Volume", Level.HIGH, t, List.of(), List.of(pool));
        Alert port = new Alert("a2", "port", "Pool port", Level.HIGH, t, List.of(), List.of(pool));
        ExposedBytes total = ExposedBytes.of(Incident.of("i1", List.of(volume, port), List.of()));
        assertThat(total).isEqualTo(new ExposedBytes(981_233, 1));
    }

    private static long exposed(List<Event> events, String src, String dst) {
        return events.stream().filter(e -> src.equals(e.src().ip()) && dst.equals(e.dst().ip())).mapToLong(ExposedBytes::of).sum();
    }

    private static List<Event> read(String relative) throws IOException {
        Path file = GOLDEN.resolve(relative);
        return read(file.getFileName().toString(), Files.readString(file));
    }

    private static List<Event> read(String name, String content) {
        CollectingSink sink = new CollectingSink();
        new Ingestor(IngestOptions.defaults()).read(Input.bytes(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Instant.parse("2026-03-20T00:00:00Z")), sink);
        assertThat(sink.rejections).extracting(Rejection::message).isEmpty();
        assertThat(sink.events).isNotEmpty();
        return sink.events;
    }
}
