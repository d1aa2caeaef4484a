package dev.cloudwarden.app.live.s3;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.cloudwarden.app.live.JsonFileOffsets;
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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** Prefix polling against a local fake S3 (WireMock answering as S3 documents it), behind the real SDK client. */
class S3CloudTrailTest {
    private static final Path GOLDEN = Path.of("../engine/src/test/resources/golden/cloudtrail");
    private static final String PREFIX = "AWSLogs/111122223333/CloudTrail/us-east-1/";
    private static final Instant MODIFIED = Instant.parse("2024-08-01T13:40:00Z");

    @TempDir
    Path dir;
    private WireMockServer s3;

    @BeforeEach
    void start() {
        s3 = new WireMockServer(wireMockConfig().dynamicPort());
        s3.start();
    }

    @AfterEach
    void stop() {
        s3.stop();
    }

    private static String key(String day, String id) {
        return PREFIX + day + "/111122223333_CloudTrail_us-east-1_" + day.replace("/", "") + "T1340Z_" + id + ".json.gz";
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    private void list(String day, String startAfter, List<String> keys) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>trail</Name><Prefix>"
                + PREFIX + day + "/</Prefix><KeyCount>" + keys.size() + "</KeyCount><MaxKeys>1000</MaxKeys>"
                + "<IsTruncated>false</IsTruncated>");
        for (String k : keys) {
            xml.append("<Contents><Key>").append(k).append("</Key><LastModified>").append(MODIFIED)
                    .append("</LastModified><ETag>&quot;0&quot;</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents>");
        }
        var request = get(urlPathEqualTo("/trail")).withQueryParam("list-type", equalTo("2"))
                .withQueryParam("prefix", equalTo(PREFIX + day + "/"));
        if (startAfter != null) {
            request.withQueryParam("start-after", equalTo(startAfter)).atPriority(1);
        } else {
            request.atPriority(5);
        }
        s3.stubFor(request.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
                .withBody(xml.append("</ListBucketResult>").toString())));
    }

    private void object(String key, byte[] body) {
        s3.stubFor(get(urlPathEqualTo("/trail/" + key)).willReturn(aResponse().withStatus(200).withBody(body)));
    }

    private S3CloudTrail input(JsonFileOffsets offsets, RecordingConsumer consumer) throws IOException {
        S3Settings settings = new S3Settings("us-east-1", URI.create(s3.baseUrl()), true, "AKIDTEST", "secret");
        Clock clock = Clock.fixed(Instant.parse("2024-08-02T12:00:00Z"), ZoneOffset.UTC);
        return new S3CloudTrail("trail", settings.s3(), "trail", PREFIX, LocalDate.of(2024, 8, 1),
                new Ingestor(IngestOptions.defaults()), offsets, consumer, clock, 100);
    }

    @Test
    void readsTwoDaysSkipsDigestsReportsACorruptObjectAndResumesAfterTheLastKey() throws IOException {
        byte[] first = gzip(Files.readAllBytes(GOLDEN.resolve("records-file.json")));
        byte[] second = gzip(Files.readAllBytes(GOLDEN.resolve("stratus-aws.persistence.iam-create-admin-user.json")));
        byte[] corrupt = {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7};
        String k1 = key("2024/08/01", "a1");
        String digest = PREFIX + "2024/08/01/111122223333_CloudTrail-Digest_us-east-1_trail_x.json.gz";
        String bad = key("2024/08/01", "b2");
        String k2 = key("2024/08/02", "c3");
        list("2024/08/01", null, List.of(k1, digest, bad));
        list("2024/08/02", null, List.of(k2));
        object(k1, first);
        object(bad, corrupt);
        object(k2, second);

        JsonFileOffsets offsets = new JsonFileOffsets(dir.resolve("positions.json"));
        RecordingConsumer consumer = new RecordingConsumer();
        S3CloudTrail trail = input(offsets, consumer);
        assertThat(trail.poll()).isTrue();

        List<String> expected = new ArrayList<>(RecordingConsumer.scanned(Input.bytes("s3://trail/" + k1, first, MODIFIED)));
        List<String> badOnes = RecordingConsumer.scanned(Input.bytes("s3://trail/" + bad, corrupt, MODIFIED));
        expected.addAll(badOnes);
        expected.addAll(RecordingConsumer.scanned(Input.bytes("s3://trail/" + k2, second, MODIFIED)));
        assertThat(badOnes).singleElement().asString().startsWith("rejected s3://trail/" + bad);
        assertThat(consumer.records).containsExactlyElementsOf(expected);
        assertThat(consumer.records.get(0)).contains("\"input\":\"s3://trail/" + k1 + "\"");
        assertThat(consumer.skips).singleElement().asString().contains(digest).contains("digest");
        assertThat(offsets.load("trail").get(PREFIX).name()).isEqualTo(k2);
        assertThat(trail.health().rejected()).isEqualTo(1);
        assertThat(trail.health().lag()).isZero();

        // a restart lists from the stored key's day with StartAfter, and reads only what came since
        String k3 = key("2024/08/02", "d4");
        list("2024/08/02", k2, List.of(k3));
        object(k3, first);
        RecordingConsumer after = new RecordingConsumer();
        S3CloudTrail resumed = input(offsets, after);
        assertThat(resumed.poll()).isTrue();
        s3.verify(getRequestedFor(urlPathEqualTo("/trail")).withQueryParam("start-after", equalTo(k2)));
        assertThat(after.records).containsExactlyElementsOf(
                RecordingConsumer.scanned(Input.bytes("s3://trail/" + k3, first, MODIFIED)));
        assertThat(offsets.load("trail").get(PREFIX).name()).isEqualTo(k3);
    }
}
