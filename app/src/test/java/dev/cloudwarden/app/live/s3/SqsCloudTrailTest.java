package dev.cloudwarden.app.live.s3;

import dev.cloudwarden.app.live.JsonFileOffsets;
import dev.cloudwarden.app.live.LiveConsumer;
import dev.cloudwarden.app.live.RecordingConsumer;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.read.Input;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static dev.cloudwarden.app.live.s3.S3NotificationsTest.TEST_EVENT;
import static dev.cloudwarden.app.live.s3.S3NotificationsTest.cloudTrailNotification;
import static dev.cloudwarden.app.live.s3.S3NotificationsTest.eventBridge;
import static dev.cloudwarden.app.live.s3.S3NotificationsTest.s3Event;
import static dev.cloudwarden.app.live.s3.S3NotificationsTest.sns;
import static org.assertj.core.api.Assertions.assertThat;

/** SQS notifications against a stateful fake queue and a fake S3 on loopback, behind the real SDK clients. */
class SqsCloudTrailTest {
    private static final Path GOLDEN = Path.of("../engine/src/test/resources/golden/cloudtrail");
    private static final String PREFIX = "AWSLogs/111122223333/CloudTrail/us-east-1/";

    @TempDir
    Path dir;
    private FakeSqs sqs;
    private FakeS3 s3;
    private JsonFileOffsets offsets;
    private byte[] trail;
    private byte[] admin;

    @BeforeEach
    void start() throws IOException {
        sqs = new FakeSqs();
        s3 = new FakeS3();
        offsets = new JsonFileOffsets(dir.resolve("positions.json"));
        trail = gzip(Files.readAllBytes(GOLDEN.resolve("records-file.json")));
        admin = gzip(Files.readAllBytes(GOLDEN.resolve("stratus-aws.persistence.iam-create-admin-user.json")));
    }

    @AfterEach
    void stop() {
        sqs.close();
        s3.close();
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    private static String key(String id) {
        return PREFIX + "2024/08/01/111122223333_CloudTrail_us-east-1_20240801T1340Z_" + id + ".json.gz";
    }

    private SqsCloudTrail input(LiveConsumer consumer, String prefix, SqsOptions options) {
        S3Settings settings = new S3Settings("us-east-1", s3.endpoint(), true, "AKIDTEST", "secret");
        QueueUrl url = QueueUrl.parse(sqs.queueUrl());
        Clock clock = Clock.fixed(Instant.parse("2024-08-02T12:00:00Z"), ZoneOffset.UTC);
        return new SqsCloudTrail("queue", settings.sqs(url), settings.s3(), url, prefix,
                new Ingestor(IngestOptions.defaults()), offsets, consumer, clock, options);
    }

    private SqsCloudTrail input(LiveConsumer consumer) {
        return input(consumer, "", new SqsOptions(10, 0, 300, Duration.ZERO));
    }

    private static List<String> scanned(String bucket, String key, byte[] bytes) {
        return RecordingConsumer.scanned(Input.bytes("s3://" + bucket + "/" + key, bytes, FakeS3.MODIFIED));
    }

    @Test
    void readsWhatEachNotificationShapeAnnouncesAsScanDoesAndDeletesAfterTheCommit() throws Exception {
        String spaced = PREFIX + "2024/08/01/odd name+plus é.json.gz";
        s3.put("trail", spaced, trail);
        s3.put("trail", key("a1"), admin);
        s3.put("trail", key("b2"), trail);
        s3.put("trail", key("c3"), admin);
        s3.put("other-trail", key("d4"), trail);
        List<String> ids = List.of(
                sqs.send(s3Event("ObjectCreated:Put", "trail",
                        PREFIX.replace("/", "%2F") + "2024%2F08%2F01%2Fodd+name%2Bplus+%C3%A9.json.gz")),
                sqs.send(sns(s3Event("ObjectCreated:Put", "trail", key("a1")))),
                sqs.send(sns(cloudTrailNotification("trail", List.of(key("b2"), key("c3"))))),
                sqs.send(eventBridge("Object Created", "other-trail", key("d4"))));

        RecordingConsumer consumer = new RecordingConsumer();
        SqsCloudTrail input = input(consumer);
        assertThat(input.poll()).isTrue();

        List<String> expected = new ArrayList<>(scanned("trail", spaced, trail));
        expected.addAll(scanned("trail", key("a1"), admin));
        expected.addAll(scanned("trail", key("b2"), trail));
        expected.addAll(scanned("trail", key("c3"), admin));
        expected.addAll(scanned("other-trail", key("d4"), trail));
        assertThat(expected).noneMatch(r -> r.startsWith("rejected"));
        assertThat(consumer.records).containsExactlyElementsOf(expected);
        assertThat(consumer.records.get(0)).contains("\"input\":\"s3://trail/" + spaced + "\"");
        assertThat(offsets.load("queue").get(sqs.queueUrl()).name()).isEqualTo(ids.get(3));
        assertThat(input.health().events()).isEqualTo(expected.size());
        assertThat(input.health().bytesRead()).isEqualTo(3L * trail.length + 2L * admin.length);
        // committed: the next poll, on the input's thread, deletes them
        assertThat(sqs.deleted()).isEmpty();
        assertThat(input.poll()).isFalse();
        assertThat(sqs.deleted()).containsExactlyElementsOf(ids);
        assertThat(sqs.remaining()).isEmpty();
        assertThat(input.health().lastError()).isNull();
    }

    @Test
    void skipsTestEventsDigestsRemovalsAndKeysOutsideThePrefixAndDeletesTheirMessages() {
        String digest = PREFIX + "2024/08/01/111122223333_CloudTrail-Digest_us-east-1_trail_x.json.gz";
        String outside = "AWSLogs/111122223333/CloudTrail/eu-west-1/2024/08/01/x.json.gz";
        sqs.send(TEST_EVENT);
        sqs.send(s3Event("ObjectCreated:Put", "trail", digest));
        sqs.send(s3Event("ObjectRemoved:Delete", "trail", key("a1")));
        sqs.send(eventBridge("Object Created", "trail", outside));

        RecordingConsumer consumer = new RecordingConsumer();
        SqsCloudTrail input = input(consumer, PREFIX, new SqsOptions(10, 0, 300, Duration.ZERO));
        assertThat(input.poll()).isTrue();

        assertThat(consumer.records).isEmpty();
        assertThat(consumer.skips).hasSize(4);
        assertThat(consumer.skips.get(0)).startsWith(sqs.queueUrl() + ":0: message ").endsWith(
                ": s3:TestEvent for bucket trail (sent when notifications are set up)");
        assertThat(consumer.skips.subList(1, 4)).containsExactly(
                "s3://trail/" + digest + ":0: CloudTrail digest file",
                "s3://trail/" + key("a1") + ":0: ObjectRemoved:Delete: not a new object",
                "s3://trail/" + outside + ":0: outside the prefix " + PREFIX);
        assertThat(s3.gets("trail", digest) + s3.gets("trail", outside) + s3.gets("trail", key("a1"))).isZero();
        input.close(); // deletes what is committed
        assertThat(sqs.remaining()).isEmpty();
        assertThat(input.health().records()).isEqualTo(4);
        assertThat(input.health().lastError()).isNull();
    }

    @Test
    void rejectsAMessageItCannotReadNamingTheQueueAndTheMessageAndDeletesIt() {
        String garbage = sqs.send("this is not a notification");
        String unknown = sqs.send("{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\"}");
        s3.put("trail", key("a1"), trail);
        String good = sqs.send(s3Event("ObjectCreated:Put", "trail", key("a1")));

        RecordingConsumer consumer = RecordingConsumer.holding();
        SqsCloudTrail input = input(consumer);
        assertThat(input.poll()).isTrue();
        assertThat(sqs.deleted()).isEmpty();
        consumer.release();
        assertThat(input.poll()).isFalse();

        assertThat(consumer.records.subList(0, 2)).containsExactly(
                "rejected " + sqs.queueUrl() + ":0: message " + garbage + ": not a JSON object",
                "rejected " + sqs.queueUrl() + ":0: message " + unknown
                        + ": not an S3, SNS, CloudTrail or EventBridge notification (fields: detail-type, source)");
        assertThat(new String(consumer.rejections.get(0).content(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("this is not a notification");
        assertThat(consumer.records.subList(2, consumer.records.size()))
                .containsExactlyElementsOf(scanned("trail", key("a1"), trail));
        assertThat(sqs.deleted()).containsExactly(garbage, unknown, good);
        assertThat(input.health().rejected()).isEqualTo(2);
        assertThat(input.health().lastError()).contains(unknown);
    }

    @Test
    void deletesNothingUntilTheConsumerMakesItDurableAndReadsItAgainWhenSqsRedelivers() throws IOException {
        s3.put("trail", key("a1"), trail);
        String id = sqs.send(s3Event("ObjectCreated:Put", "trail", key("a1")));
        List<String> once = scanned("trail", key("a1"), trail);

        RecordingConsumer consumer = RecordingConsumer.holding();
        SqsCloudTrail input = input(consumer);
        assertThat(input.poll()).isTrue();
        assertThat(consumer.records).containsExactlyElementsOf(once);
        assertThat(sqs.deleted()).isEmpty();
        assertThat(offsets.load("queue")).isEmpty();
        assertThat(input.poll()).as("in flight: not received again").isFalse();
        assertThat(sqs.lastReceive().path("VisibilityTimeout").asInt()).isEqualTo(300);

        sqs.expireVisibility();
        assertThat(input.poll()).isTrue();
        assertThat(consumer.records).hasSize(2 * once.size());
        assertThat(sqs.remaining()).containsExactly(id);

        // The first checkpoint's receipt handle went stale with the redelivery: its delete fails and says so; the
        // second deletes the message.
        consumer.release();
        assertThat(input.poll()).isFalse();
        assertThat(sqs.remaining()).isEmpty();
        assertThat(sqs.deleted()).containsExactly(id);
        assertThat(input.health().lastError()).contains("cannot delete 1 messages (ReceiptHandleIsInvalid")
                .contains("they will be read again");
        assertThat(offsets.load("queue").get(sqs.queueUrl()).name()).isEqualTo(id);
    }

    @Test
    void rejectsAndDeletesObjectsThatAreGoneOrForbiddenAndRetriesOneThatFailsForNow() {
        s3.fail("trail", key("b2"), 403);
        s3.fail("trail", key("c3"), 500);
        String gone = sqs.send(s3Event("ObjectCreated:Put", "trail", key("a1")));
        String denied = sqs.send(s3Event("ObjectCreated:Put", "trail", key("b2")));
        String failing = sqs.send(s3Event("ObjectCreated:Put", "trail", key("c3")));

        RecordingConsumer consumer = new RecordingConsumer();
        SqsCloudTrail input = input(consumer);
        assertThat(input.poll()).isTrue();

        assertThat(consumer.records).hasSize(2);
        assertThat(consumer.records.get(0)).startsWith("rejected s3://trail/" + key("a1") + ":0: cannot read the object: ")
                .contains("NoSuchKey");
        assertThat(consumer.records.get(1)).startsWith("rejected s3://trail/" + key("b2") + ":0: cannot read the object: ")
                .contains("AccessDenied");
        assertThat(input.health().lastError()).startsWith("s3://trail/" + key("c3") + ": cannot read the object: ")
                .endsWith("; its message stays on the queue to be retried");
        assertThat(s3.gets("trail", key("c3"))).as("the SDK's own retries").isGreaterThan(1);
        assertThat(input.poll()).isFalse();
        assertThat(sqs.deleted()).containsExactly(gone, denied);
        assertThat(sqs.remaining()).containsExactly(failing);

        // S3 heals; SQS redelivers after the visibility timeout
        s3.put("trail", key("c3"), admin);
        sqs.expireVisibility();
        assertThat(input.poll()).isTrue();
        assertThat(consumer.records.subList(2, consumer.records.size()))
                .containsExactlyElementsOf(scanned("trail", key("c3"), admin));
        assertThat(input.poll()).isFalse();
        assertThat(sqs.remaining()).isEmpty();
    }

    @Test
    void reportsAReceiveErrorAndStaysIdle() {
        sqs.failReceives("QueueDoesNotExist");
        SqsCloudTrail input = input(new RecordingConsumer());
        assertThat(input.poll()).isFalse();
        assertThat(input.health().lastError()).startsWith(sqs.queueUrl() + ": cannot receive messages: ")
                .contains("the queue is not there");
        assertThat(sqs.receives()).isEqualTo(1);
    }

    @Test
    void reportsTheMessagesNotYetDeletedAsLag() {
        s3.put("trail", key("a1"), trail);
        for (int i = 0; i < 3; i++) {
            sqs.send(s3Event("ObjectCreated:Put", "trail", key("a1")));
        }
        SqsCloudTrail input = input(new RecordingConsumer(), "", new SqsOptions(2, 0, 300, Duration.ZERO));
        assertThat(input.health().lagUnit()).isEqualTo("messages");
        assertThat(input.poll()).isTrue();
        assertThat(input.health().lag()).isEqualTo(3);
        assertThat(input.poll()).isTrue();
        assertThat(input.health().lag()).isEqualTo(1);
        assertThat(input.poll()).isFalse();
        assertThat(input.health().lag()).isZero();
    }
}
