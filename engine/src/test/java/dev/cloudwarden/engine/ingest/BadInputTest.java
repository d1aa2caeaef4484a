package dev.cloudwarden.engine.ingest;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.TimeBasis;

import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.read.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input the readers meet: each gives one clear rejection naming file, line (or record)
 * and reason, keeps the offending bytes for quarantine, and the rest of the input is still read.
 */
class BadInputTest {
    private static final String GOOD = "{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-01-01T00:00:0%dZ\","
            + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"awsRegion\":\"us-east-1\"}";

    private static String good(int i) {
        return String.format(GOOD, i);
    }

    private static GoldenFiles.Collected read(String name, byte[] content, IngestOptions options) {
        GoldenFiles.Collected c = new GoldenFiles.Collected();
        IngestStats stats = new IngestStats(c);
        new Ingestor(options).read(Input.bytes(name, content, GoldenFiles.REFERENCE_TIME), stats);
        assertThat(stats.units()).isEqualTo(c.events.size() + c.rejections.size() + c.skipped.size());
        return c;
    }

    private static GoldenFiles.Collected read(String name, String content) {
        return read(name, content.getBytes(StandardCharsets.UTF_8), IngestOptions.defaults());
    }

    @Test
    void aMalformedJsonLineIsRejectedWithItsPositionAndTheRestIsRead() {
        String in = good(1) + "\n{\"eventVersion\":\"1.08\", \"eventName\" \"x\"}\n" + good(2) + "\n";
        var c = read("trail.jsonl", in);
        assertThat(c.events).hasSize(2);
        assertThat(c.rejections).singleElement().satisfies(r -> {
            assertThat(r.message()).isEqualTo(
                    "trail.jsonl:2: invalid JSON: expected ':' after a field name, found '\"' at column 37");
        });
        assertThat(c.rejectionText(0)).isEqualTo("{\"eventVersion\":\"1.08\", \"eventName\" \"x\"}");
        assertThat(c.events.size() + c.rejections.size()).isEqualTo(3);
    }

    @Test
    void aCloudTrailRecordWithoutItsTimeTakesThePreviousEventsAndSaysSo() {
        String in = good(1) + "\n{\"eventVersion\":\"1.08\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\"}\n";
        var c = read("trail.jsonl", in);
        assertThat(c.rejections).isEmpty();
        assertThat(c.events).hasSize(2);
        assertThat(c.events.get(1).time()).isEqualTo(c.events.get(0).time());
        assertThat(c.events.get(1).timeBasis()).isEqualTo(TimeBasis.PREVIOUS_EVENT);
        assertThat(c.events.get(1).operation().name()).isEqualTo("GetObject");
        assertThat(GoldenFiles.render(c.events)).contains("\"time_inferred\":true");
    }

    @Test
    void aRecordWithoutAnyTimeFirstInItsInputTakesTheInputsTime() {
        var c = read("trail.jsonl", "{\"eventVersion\":\"1.08\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\"}\n"
                + good(1) + "\n");
        assertThat(c.events).extracting(Event::timeBasis).containsExactly(TimeBasis.INPUT, TimeBasis.RECORD);
        assertThat(c.events.get(0).time()).isEqualTo(GoldenFiles.REFERENCE_TIME);
    }

    @Test
    void aBadTimestampIsNoReasonToLoseTheRecord() {
        String in = good(1) + "\n" + good(2).replace("2024-01-01T00:00:02Z", "yesterday") + "\n";
        var c = read("trail.jsonl", in);
        assertThat(c.rejections).isEmpty();
        assertThat(c.events.get(1).timeBasis()).isEqualTo(TimeBasis.PREVIOUS_EVENT);
    }

    @Test
    void aShippersTimestampBesideTheRecordIsItsTime() {
        String in = good(1) + "\n{\"@timestamp\":\"2024-01-01T00:00:09.5Z\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\"}\n"
                + "{\"p_event_time\":\"1704067210\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\"}\n";
        var c = read("trail.jsonl", in);
        assertThat(c.events).extracting(Event::timeBasis).containsExactly(TimeBasis.RECORD, TimeBasis.ENVELOPE,
                TimeBasis.ENVELOPE);
        assertThat(c.events).extracting(e -> e.time().toString()).containsExactly("2024-01-01T00:00:01Z",
                "2024-01-01T00:00:09.500Z", "2024-01-01T00:00:10Z");
    }

    @Test
    void invalidUtf8IsRejectedWithItsByteOffsetAndKeptByteForByte() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((good(1) + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] bad = good(2).replace("GetObject", "Get\u00ffObject").getBytes(StandardCharsets.ISO_8859_1);
        out.write(bad);
        out.write('\n');
        out.write((good(3) + "\n").getBytes(StandardCharsets.UTF_8));
        var c = read("trail.jsonl", out.toByteArray(), IngestOptions.defaults());
        assertThat(c.events).hasSize(2);
        int offset = new String(bad, StandardCharsets.ISO_8859_1).indexOf('\u00ff') + 1;
        assertThat(c.rejections).extracting(Rejection::message)
                .containsExactly("trail.jsonl:2: invalid UTF-8 at byte " + offset + " of the line");
        assertThat(c.rejections.get(0).content()).isEqualTo(bad);
    }

    @Test
    void aLineOverTheSizeLimitIsRejectedWithoutBufferingItAndTheNextLineIsRead() {
        String huge = "{\"eventVersion\":\"1.08\",\"pad\":\"" + "x".repeat(5000) + "\"}";
        String in = good(1) + "\n" + huge + "\n" + good(2) + "\n";
        var c = read("trail.jsonl", in.getBytes(StandardCharsets.UTF_8), IngestOptions.defaults().withMaxLineBytes(1024));
        assertThat(c.events).hasSize(2);
        assertThat(c.rejections).extracting(Rejection::message).containsExactly(
                "trail.jsonl:2: line is " + huge.length() + " bytes, over the limit of 1024 (first bytes kept)");
        assertThat(c.rejections.get(0).content()).hasSize(512);
    }

    @Test
    void jsonNestedDeeperThanTheLimitIsRejected() {
        String deep = "{\"eventVersion\":\"1.08\",\"a\":" + "[".repeat(40) + "]".repeat(40) + "}";
        String in = good(1) + "\n" + deep + "\n" + good(2) + "\n";
        var c = read("trail.jsonl", in.getBytes(StandardCharsets.UTF_8), IngestOptions.defaults().withMaxDepth(20));
        assertThat(c.events).hasSize(2);
        assertThat(c.rejections).extracting(Rejection::message)
                .containsExactly("trail.jsonl:2: JSON nested deeper than the limit (20 levels)");
    }

    @Test
    void aTruncatedGzipKeepsEveryWholeLineAndRejectsTheCutOne(@TempDir Path dir) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append(good(i % 10)).append('\n');
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = gz.toByteArray();
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        Path file = dir.resolve("trail.jsonl.gz");
        Files.write(file, cut);
        var c = new GoldenFiles.Collected();
        new Ingestor(IngestOptions.defaults()).read(Input.file(file), c);
        assertThat(c.events).hasSizeGreaterThan(10).hasSizeLessThan(2000);
        assertThat(c.rejections).singleElement().satisfies(r -> {
            assertThat(r.origin().line()).isEqualTo(c.events.size() + 1);
            assertThat(r.reason()).contains("input ends early").contains("Unexpected end of ZLIB input stream");
        });
    }

    @Test
    void aCloudTrailFileThatIsNotJsonIsRejectedLineByLine() {
        var c = read("AWSLogs/111122223333_CloudTrail_us-east-1.json", "<html>\n<body>Access Denied</body>\n</html>\n");
        assertThat(c.events).isEmpty();
        assertThat(c.rejections).hasSize(3);
        assertThat(c.rejections.get(0).message()).isEqualTo(
                "AWSLogs/111122223333_CloudTrail_us-east-1.json:1: unrecognised log format (give --source; known: "
                        + String.join(", ", SourceType.ids()) + ")");
    }

    @Test
    void aCloudTrailRecordsFileBrokenHalfwayKeepsTheRecordsBeforeTheBreak() {
        String in = "{\"Records\":[" + good(1) + ",\n" + good(2) + ",\n{\"eventVersion\":\"1.08\",\"eventName\":]}";
        var c = read("broken.json", in);
        assertThat(c.events).hasSize(2);
        assertThat(c.rejections).singleElement().satisfies(r -> assertThat(r.message())
                .startsWith("broken.json:record 2 (line 3): invalid JSON: Unexpected character (']'")
                .endsWith("; the rest of this document cannot be read"));
    }

    @Test
    void aNonObjectRecordInsideRecordsIsRejectedAndTheNextOneRead() {
        String in = "{\"Records\":[" + good(1) + ",\"oops\",42," + good(2) + "]}";
        var c = read("t.json", in);
        assertThat(c.events).hasSize(2);
        assertThat(c.rejections).extracting(Rejection::message).containsExactly(
                "t.json:record 1 (line 1): expected a JSON object, found 'oops'",
                "t.json:record 2 (line 1): expected a JSON object, found '42'");
    }

    @Test
    void blankLinesAreCountedAsSkippedNotLost() {
        var c = read("trail.jsonl", "\n" + good(1) + "\n   \n" + good(2) + "\n");
        assertThat(c.events).hasSize(2);
        assertThat(c.skipped).hasSize(2);
    }

    @Test
    void forcingASourceParsesRecordsThatWouldNotBeDetected() {
        String record = "{\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventName\":\"GetObject\"}";
        var detected = read("x.jsonl", record + "\n");
        assertThat(detected.events).singleElement().satisfies(e -> assertThat(e.source()).isEqualTo(SourceType.GENERIC_JSON));
        var forced = read("x.jsonl", (record + "\n").getBytes(StandardCharsets.UTF_8),
                IngestOptions.defaults().withForcedSource(SourceType.CLOUDTRAIL));
        assertThat(forced.events).singleElement().satisfies(e -> assertThat(e.source()).isEqualTo(SourceType.CLOUDTRAIL));
    }
}
