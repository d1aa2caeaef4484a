package dev.cloudwarden.app.live.files;

import dev.cloudwarden.app.live.JsonFileOffsets;
import dev.cloudwarden.app.live.Position;
import dev.cloudwarden.app.live.RecordingConsumer;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.read.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class LiveFilesTest {
    private static final Path GOLDEN = Path.of("../engine/src/test/resources/golden");

    @TempDir
    Path dir;

    private final RecordingConsumer consumer = new RecordingConsumer();
    private JsonFileOffsets offsets;

    private LiveFiles watch(String glob) throws IOException {
        offsets = new JsonFileOffsets(dir.resolve(".positions.json"));
        return LiveFiles.open("files", List.of(new WatchedPath(dir, glob)), new Ingestor(IngestOptions.defaults()),
                offsets, consumer, LiveFilesOptions.defaults(), Clock.systemUTC());
    }

    private static void append(Path file, byte[] bytes, int from, int to) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(bytes, from, to - from);
        }
    }

    private static void append(Path file, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        append(file, b, 0, b.length);
    }

    private Position position(Path file) throws IOException {
        return offsets.load("files").values().stream().filter(p -> p.name().equals(file.toString())).findFirst()
                .orElseThrow();
    }

    /** Appending a dataset in random chunks cut mid-line gives what scanning the whole file gives, origins included. */
    @ParameterizedTest
    @ValueSource(strings = {"cloudtrail/panther-cloudtrail.jsonl", "vpcflow/custom-v5.log", "sshd/auth.log",
            "sshd/catalogue.log", "vpcflow/default-v2.log"})
    void appendedInRandomChunksGivesTheEventsOfAScan(String dataset) throws IOException {
        byte[] content = Files.readAllBytes(GOLDEN.resolve(dataset));
        Path file = dir.resolve("live.log");
        LiveFiles input = watch("*.log");
        Random random = new Random(dataset.hashCode());
        int at = 0;
        while (at < content.length) {
            int next = Math.min(content.length, at + 1 + random.nextInt(700));
            append(file, content, at, next);
            at = next;
            input.poll();
        }
        input.poll();
        input.poll();
        Position p = position(file);
        assertThat(p.offset()).isEqualTo(content.length);
        List<String> scanned = RecordingConsumer.scanned(Input.bytes(file.toString(), content, p.referenceTime()));
        assertThat(scanned).isNotEmpty();
        assertThat(consumer.records).containsExactlyElementsOf(scanned);
        assertThat(input.health().lag()).isZero();
        assertThat(input.health().bytesRead()).isEqualTo(content.length);
    }

    @Test
    void aPartialLastLineWaitsForItsNewline() throws IOException {
        Path file = dir.resolve("auth.log");
        List<String> lines = Files.readAllLines(GOLDEN.resolve("sshd/auth.log"));
        LiveFiles input = watch("*.log");
        append(file, lines.get(0) + "\n" + lines.get(1).substring(0, 20));
        input.poll();
        assertThat(consumer.records).hasSize(1);
        assertThat(input.health().lag()).isEqualTo(20);
        input.poll();
        assertThat(consumer.records).hasSize(1);
        append(file, lines.get(1).substring(20) + "\n");
        input.poll();
        assertThat(consumer.records).hasSize(2);
        assertThat(at(file, 2)).contains(message(lines.get(1)));
    }

    private static String origin(Path file, int line) {
        return "\"origin\":{\"input\":\"" + file + "\",\"line\":" + line + "}";
    }

    /** The record read from {@code file} at {@code line}. */
    private String at(Path file, int line) {
        return consumer.records.stream().filter(r -> r.contains(origin(file, line))).findFirst().orElseThrow();
    }

    /** A syslog line's message, as the event's raw record holds it (JSON-escaped). */
    private static String message(String line) {
        String m = line.substring(line.indexOf("]: ") + 3);
        return "\"message\":\"" + m.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Rename rotation: the old file's last lines (even written after the rename) are read, then the new file. */
    @Test
    void rotationByRenameFinishesTheOldFileThenFollowsTheNewOne() throws IOException {
        List<String> lines = Files.readAllLines(GOLDEN.resolve("sshd/auth.log"));
        Path file = dir.resolve("auth.log");
        LiveFiles input = watch("auth.log");
        append(file, String.join("\n", lines.subList(0, 10)) + "\n");
        input.poll();
        append(file, String.join("\n", lines.subList(10, 15)) + "\n");
        Path rotated = dir.resolve("auth.log.1");
        Files.move(file, rotated);
        append(rotated, lines.get(15) + "\n" + lines.get(16)); // the writer had not reopened yet; no final newline
        append(file, String.join("\n", lines.subList(17, 20)) + "\n");
        input.poll();
        input.poll();
        assertThat(consumer.records).hasSize(20);
        // the old file keeps its name in origins; its unterminated last line is read once it stops growing
        assertThat(at(file, 17)).contains(message(lines.get(16)));
        assertThat(consumer.records.get(19)).isEqualTo(at(file, 17));
        for (int i = 1; i <= 3; i++) {
            assertThat(consumer.records.get(15 + i)).contains(origin(file, i)).contains(message(lines.get(16 + i)));
        }

        // logrotate compresses the rotated file later: a copy of lines already read, skipped
        Path gz = dir.resolve("auth.log.2.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(rotated));
        }
        Files.delete(rotated);
        LiveFiles all = LiveFiles.open("files", List.of(new WatchedPath(dir, "*")), new Ingestor(IngestOptions.defaults()),
                offsets, consumer, LiveFilesOptions.defaults(), Clock.systemUTC());
        all.poll();
        all.poll();
        all.poll();
        assertThat(consumer.records).hasSize(20);
        assertThat(consumer.skips).anySatisfy(s -> assertThat(s).contains("auth.log.2.gz")
                .contains("compressed rotated copy of " + file));
    }

    @Test
    void copyTruncateStartsAgainFromTheStartAndSaysSo() throws IOException {
        List<String> lines = Files.readAllLines(GOLDEN.resolve("sshd/auth.log"));
        Path file = dir.resolve("auth.log");
        LiveFiles input = watch("auth.log");
        append(file, String.join("\n", lines.subList(0, 10)) + "\n");
        input.poll();
        Files.copy(file, dir.resolve("auth.log.1"));
        Files.write(file, new byte[0]); // truncated in place
        append(file, lines.get(10) + "\n");
        input.poll();
        assertThat(consumer.records).hasSize(11);
        assertThat(consumer.records.get(10)).contains(origin(file, 1)).contains(message(lines.get(10)));
        assertThat(input.health().lastError()).contains("truncated").contains("from the start");

        // truncated and rewritten past the old position before the next poll: the first bytes tell
        Files.write(file, (String.join("\n", lines.subList(20, 30)) + "\n").getBytes(StandardCharsets.UTF_8));
        input.poll();
        assertThat(consumer.records).hasSize(21);
        assertThat(input.health().lastError()).contains("first bytes changed");
    }

    @Test
    void aDeletedFileIsReadToItsEndThroughItsOpenChannel() throws IOException {
        List<String> lines = Files.readAllLines(GOLDEN.resolve("sshd/auth.log"));
        Path file = dir.resolve("auth.log");
        LiveFiles input = watch("*.log");
        append(file, lines.get(0) + "\n");
        input.poll();
        append(file, lines.get(1) + "\n" + lines.get(2) + "\n");
        Files.delete(file);
        input.poll();
        input.poll();
        assertThat(consumer.records).hasSize(3);
        assertThat(input.health().followed()).isZero();
        assertThat(offsets.load("files")).hasSize(1); // remembered, for rotated copies
    }

    @Test
    void aCloudTrailDeliveryIsReadOnceWholeWhenItHoldsStill() throws IOException {
        byte[] doc = Files.readAllBytes(GOLDEN.resolve("cloudtrail/records-file.json"));
        Path file = dir.resolve("delivery.json");
        LiveFiles input = watch("*.json");
        append(file, doc, 0, doc.length / 2);
        input.poll();
        append(file, doc, doc.length / 2, doc.length - 10);
        input.poll();
        assertThat(consumer.records).isEmpty(); // a CloudTrail document, still growing
        append(file, doc, doc.length - 10, doc.length);
        input.poll();
        input.poll();
        input.poll();
        List<String> scanned = RecordingConsumer.scanned(Input.bytes(file.toString(), doc, position(file).referenceTime()));
        assertThat(consumer.records).containsExactlyElementsOf(scanned).isNotEmpty();
    }

    /** A restart resumes each file at its committed position with the parser state its first lines set (a header). */
    @Test
    void aRestartResumesAtTheCommittedPositionWithTheSameOrigins() throws IOException {
        byte[] content = Files.readAllBytes(GOLDEN.resolve("vpcflow/custom-v5.log")); // a header line names the fields
        Path file = dir.resolve("flow.log");
        int half = content.length / 2;
        LiveFiles first = watch("*.log");
        append(file, content, 0, half);
        first.poll();
        first.close();
        int before = consumer.records.size();
        append(file, content, half, content.length);
        LiveFiles second = watch("*.log");
        second.poll();
        second.poll();
        List<String> scanned = RecordingConsumer.scanned(Input.bytes(file.toString(), content, position(file).referenceTime()));
        assertThat(before).isPositive();
        assertThat(consumer.records).containsExactlyElementsOf(scanned);
    }
}
