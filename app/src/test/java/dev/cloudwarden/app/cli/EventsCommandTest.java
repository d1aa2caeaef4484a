package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventsCommandTest {
    private static final String RECORD = "{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-01-01T00:00:00Z\","
            + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"%s\",\"awsRegion\":\"us-east-1\","
            + "\"sourceIPAddress\":\"203.0.113.9\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"%s\"}}";

    @Test
    void cleanInputPrintsNdjsonAndExitsZero(@TempDir Path dir) throws IOException {
        Path trail = dir.resolve("trail.jsonl");
        Files.writeString(trail, String.format(RECORD, "GetObject", "arn:aws:iam::1:user/a") + "\n"
                + String.format(RECORD, "PutObject", "arn:aws:iam::1:user/b") + "\n");
        CliRun run = CliRun.of("events", "--format", "json", trail.toString(), "--quarantine", dir.resolve("q").toString());
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = Json.MAPPER.readTree(lines.get(0));
        assertThat(first.at("/operation/name").asText()).isEqualTo("GetObject");
        assertThat(first.at("/actor/principal").asText()).isEqualTo("arn:aws:iam::1:user/a");
        assertThat(first.at("/origin/line").asInt()).isEqualTo(1);
        assertThat(first.has("raw")).isFalse();
        assertThat(run.err()).contains("2 events from 1 inputs").contains("cloudtrail").contains("0 lines rejected");
        assertThat(dir.resolve("q")).doesNotExist();
    }

    @Test
    void recordsWithoutATimeOfTheirOwnAreEventsMarkedAndCounted(@TempDir Path dir) throws IOException {
        Path trail = dir.resolve("trail.jsonl");
        String noTime = String.format(RECORD, "PutObject", "arn:aws:iam::1:user/b").replace("\"eventTime\":\"2024-01-01T00:00:00Z\",", "");
        Files.writeString(trail, String.format(RECORD, "GetObject", "arn:aws:iam::1:user/a") + "\n" + noTime + "\n");
        CliRun run = CliRun.of("events", "--format", "json", trail.toString(), "--quarantine", dir.resolve("q").toString());
        assertThat(run.exitCode()).isZero();
        Path out = dir.resolve("events.ndjson");
        Files.writeString(out, run.out());
        List<JsonNode> events = Schemas.validLines(out, Schemas.EVENT);
        assertThat(events.get(0).has("time_inferred")).isFalse();
        assertThat(events.get(1).get("time_inferred").asBoolean()).isTrue();
        assertThat(events.get(1).get("time").asText()).isEqualTo("2024-01-01T00:00:00Z"); // the previous event's
        assertThat(run.err()).contains("1 events with an inferred time").contains("0 lines rejected");
        CliRun ocsf = CliRun.of("events", "--format", "ocsf", trail.toString(), "--quarantine", dir.resolve("q").toString());
        List<String> lines = ocsf.out().lines().toList();
        assertThat(Json.MAPPER.readTree(lines.get(0)).has("unmapped")).isFalse();
        assertThat(Json.MAPPER.readTree(lines.get(1)).at("/unmapped/time_inferred").asBoolean()).isTrue();
    }

    @Test
    void rejectedLinesAreReportedQuarantinedAndExitThree(@TempDir Path dir) throws IOException {
        Path trail = dir.resolve("trail.jsonl");
        Files.writeString(trail, String.format(RECORD, "GetObject", "a") + "\n{not json\n"
                + String.format(RECORD, "PutObject", "b") + "\n");
        Path quarantine = dir.resolve("quarantine.ndjson");
        CliRun run = CliRun.of("events", "--format", "json", trail.toString(), "--quarantine", quarantine.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.err()).contains("error: " + trail + ":2: invalid JSON")
                .contains("1 lines rejected: see the errors above and " + quarantine);
        JsonNode q = Json.MAPPER.readTree(Files.readString(quarantine).trim());
        assertThat(q.get("input").asText()).isEqualTo(trail.toString());
        assertThat(q.get("line").asInt()).isEqualTo(2);
        assertThat(q.get("text").asText()).isEqualTo("{not json");
        assertThat(q.get("reason").asText()).startsWith("invalid JSON");
    }

    @Test
    void invalidUtf8IsQuarantinedAsBase64(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("bad.jsonl");
        byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}', '\n'};
        Files.write(log, bad);
        Path quarantine = dir.resolve("q.ndjson");
        CliRun run = CliRun.of("events", "--format", "json", log.toString(), "--quarantine", quarantine.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        JsonNode q = Json.MAPPER.readTree(Files.readString(quarantine).trim());
        assertThat(q.get("reason").asText()).isEqualTo("invalid UTF-8 at byte 7 of the line");
        assertThat(java.util.Base64.getDecoder().decode(q.get("base64").asText()))
                .isEqualTo(java.util.Arrays.copyOf(bad, bad.length - 1));
    }

    @Test
    void usageErrorsExitTwoAndSayWhy(@TempDir Path dir) {
        CliRun missing = CliRun.of("events", dir.resolve("nope.log").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.log: no such file or directory");
        CliRun badSource = CliRun.of("events", "--source", "cloudtrial", dir.toString());
        assertThat(badSource.exitCode()).isEqualTo(2);
        assertThat(badSource.err()).contains("unknown --source 'cloudtrial'; known: cloudtrail, vpcflow");
        CliRun badDepth = CliRun.of("events", "--max-depth", "0", dir.toString());
        assertThat(badDepth.exitCode()).isEqualTo(2);
        assertThat(badDepth.err()).contains("JSON depth limit must be 1..1000, got 0");
    }

    @Test
    void attackerControlledFieldsCannotDriveTheTerminal(@TempDir Path dir) throws IOException {
        Path trail = dir.resolve("trail.jsonl");
        String evil = "arn:aws:iam::1:user/\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u202e";
        Files.writeString(trail, String.format(RECORD, "GetObject", evil) + "\n");
        CliRun table = CliRun.of("events", "--format", "table", trail.toString());
        assertThat(table.out()).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b")
                .doesNotContain("\u202e").contains("\\x1b]0;pwned\\x07");
        CliRun json = CliRun.of("events", "--format", "json", trail.toString());
        assertThat(json.out()).doesNotContain("\u001b").doesNotContain("\u009b").doesNotContain("\u202e")
                .contains("\\u001B]0;pwned").contains("\\u009b31m");
        assertThat(Json.MAPPER.readTree(json.out()).at("/actor/principal").asText())
                .isEqualTo("arn:aws:iam::1:user/\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202e");
    }

    @Test
    void aClosedStdoutEndsTheRunQuietly(@TempDir Path dir) throws IOException {
        Path trail = manyRecords(dir);
        Path quarantine = dir.resolve("q.ndjson");
        FailingStdout stdout = new FailingStdout("Broken pipe"); // what the JDK says when the reader of a pipe is gone
        CliRun run = CliRun.writingTo(stdout, "events", "--format", "json", trail.toString(), "--quarantine", quarantine.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty(); // no stack trace, no error, no summary of a run that was cut short
        assertThat(stdout.accepted).isPositive();
        // The failed write ended the read: it was not taken for a rejected record, on this or any later line.
        assertThat(quarantine).doesNotExist();
    }

    @Test
    void anOutputThatFailsOtherwiseEndsTheRunWithOneClearLine(@TempDir Path dir) throws IOException {
        Path trail = manyRecords(dir);
        Path quarantine = dir.resolve("q.ndjson");
        CliRun run = CliRun.writingTo(new FailingStdout("No space left on device"), "events", "--format", "json",
                trail.toString(), "--quarantine", quarantine.toString());
        assertThat(run.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(run.err()).isEqualTo("error: cannot write output: No space left on device" + System.lineSeparator());
        assertThat(quarantine).doesNotExist();
    }

    @Test
    void ocsfOutputCarriesClassCloudActorAndRawData(@TempDir Path dir) throws IOException {
        Path trail = dir.resolve("trail.jsonl");
        Files.writeString(trail, String.format(RECORD, "GetObject", "arn:aws:iam::1:user/a") + "\n");
        CliRun run = CliRun.of("events", "--format", "ocsf", "--raw", trail.toString());
        JsonNode ocsf = Json.MAPPER.readTree(run.out());
        assertThat(ocsf.get("class_uid").asInt()).isEqualTo(6003);
        assertThat(ocsf.get("activity_id").asInt()).isEqualTo(2); // a Get is a Read
        assertThat(ocsf.get("type_uid").asLong()).isEqualTo(600302);
        assertThat(ocsf.at("/metadata/profiles/0").asText()).isEqualTo("cloud");
        assertThat(ocsf.at("/metadata/log_provider").asText()).isEqualTo("AWS CloudTrail");
        assertThat(ocsf.at("/api/operation").asText()).isEqualTo("GetObject");
        assertThat(ocsf.at("/cloud/provider").asText()).isEqualTo("aws");
        assertThat(ocsf.at("/actor/user/uid").asText()).isEqualTo("arn:aws:iam::1:user/a");
        assertThat(ocsf.at("/src_endpoint/ip").asText()).isEqualTo("203.0.113.9");
        assertThat(ocsf.get("time").asLong()).isEqualTo(1704067200000L);
        assertThat(Json.MAPPER.readTree(ocsf.get("raw_data").asText()).get("eventName").asText()).isEqualTo("GetObject");
    }

    @Test
    void ocsfTimeOfARecordWithoutOneIsInferredAndSaysSo(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("any.json"), "{\"user\":\"alice\",\"action\":\"export\"}\n");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_780_000_000_000L));
        CliRun run = CliRun.of("events", "--format", "ocsf", "--quarantine", dir.resolve("q.ndjson").toString(), file.toString());
        JsonNode ocsf = Json.MAPPER.readTree(run.out());
        assertThat(ocsf.get("class_uid").asInt()).isZero();
        assertThat(ocsf.get("time").asLong()).as("the file's time: nothing earlier in it").isEqualTo(1_780_000_000_000L);
        // one unmapped object: the Base Event's parts and the inferred time together
        assertThat(run.out().split("\"unmapped\"", -1)).hasSize(2);
        assertThat(ocsf.at("/unmapped/actor").asText()).isEqualTo("alice");
        assertThat(ocsf.at("/unmapped/operation").asText()).isEqualTo("export");
        assertThat(ocsf.at("/unmapped/time_inferred").asBoolean()).isTrue();
    }

    @Test
    void directoriesAndGzipAreReadRecursively(@TempDir Path dir) throws IOException {
        Path nested = Files.createDirectories(dir.resolve("AWSLogs/1/CloudTrail/us-east-1"));
        byte[] content = ("{\"Records\":[" + String.format(RECORD, "GetObject", "a") + ","
                + String.format(RECORD, "ListBuckets", "b") + "]}").getBytes(StandardCharsets.UTF_8);
        var bytes = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write(content);
        }
        Files.write(nested.resolve("1_CloudTrail_us-east-1_x.json.gz"), bytes.toByteArray());
        Files.writeString(dir.resolve(".hidden.jsonl"), "garbage\n");
        CliRun run = CliRun.of("events", "--format", "json", dir.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.err()).contains("2 events from 1 inputs");
    }

    /** Enough records that the output fails while most are still unread. */
    private static Path manyRecords(Path dir) throws IOException {
        Path trail = dir.resolve("trail.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            lines.append(String.format(RECORD, "GetObject", "arn:aws:iam::1:user/u" + i)).append('\n');
        }
        Files.writeString(trail, lines);
        return trail;
    }
}
