package dev.cloudwarden.app.live.files;

import dev.cloudwarden.app.live.JsonFileOffsets;
import dev.cloudwarden.app.live.Position;
import dev.cloudwarden.app.live.RecordingConsumer;
import dev.cloudwarden.engine.ingest.read.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 while a large watched file is read, then a restart: nothing lost, repeats only with identical events. */
class LiveCrashTest {
    @TempDir
    Path dir;

    @Test
    void aKilledRunResumesFromItsLastCheckpointWithoutLosingALine() throws Exception {
        List<String> sample = Files.readAllLines(Path.of("../engine/src/test/resources/golden/sshd/auth.log"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            text.append(sample.get(i % sample.size())).append(" #").append(i).append('\n');
        }
        Path watched = Files.createDirectory(dir.resolve("logs"));
        Path log = watched.resolve("auth.log");
        Files.writeString(log, text);
        Path positions = dir.resolve("positions.json");
        Path out = dir.resolve("events.ndjson");

        long seed = System.nanoTime();
        Process first = start(watched, positions, out);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(positions) && System.nanoTime() < deadline) {
            Thread.sleep(5); // until the first commit: the JVM's start takes a varying while
        }
        Thread.sleep(new Random(seed).nextInt(300));
        assertThat(first.isAlive()).as("still reading when killed").isTrue();
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        List<String> beforeRestart = lines(out);
        Position committed = new JsonFileOffsets(positions).load("crash").values().stream().findFirst().orElse(null);

        Process second = start(watched, positions, out);
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("second run ends").isTrue();
        assertThat(second.exitValue()).isZero();

        byte[] content = Files.readAllBytes(log);
        Position last = new JsonFileOffsets(positions).load("crash").values().iterator().next();
        List<String> expected = RecordingConsumer.scanned(Input.bytes(log.toString(), content, last.referenceTime()));
        List<String> delivered = lines(out);
        System.out.println("LiveCrashTest: " + beforeRestart.size() + " events before the kill, committed line "
                + (committed == null ? 0 : committed.line()) + ", " + delivered.size() + " delivered in all");
        String context = "seed " + seed + ", killed after " + beforeRestart.size() + " events, committed "
                + (committed == null ? "nothing" : "line " + committed.line());
        assertThat(new HashSet<>(delivered)).as(context).isEqualTo(new HashSet<>(expected)); // none lost, none changed
        assertThat(expected).hasSize(40_000);
        // repeats are exactly the events after the last checkpoint, delivered again with the same origins
        long committedLines = committed == null ? 0 : committed.line();
        assertThat(delivered).as(context).hasSizeBetween(40_000, 40_000 + beforeRestart.size() - (int) committedLines);
        Set<String> seen = new HashSet<>();
        for (String r : delivered) {
            if (!seen.add(r)) {
                int line = lineOf(r);
                assertThat(line).as(context).isGreaterThan((int) committedLines);
            }
        }
    }

    private static int lineOf(String record) {
        int at = record.indexOf("\"line\":") + 7;
        int end = at;
        while (Character.isDigit(record.charAt(end))) {
            end++;
        }
        return Integer.parseInt(record.substring(at, end));
    }

    private static List<String> lines(Path out) throws IOException {
        if (!Files.exists(out)) {
            return List.of();
        }
        // a line cut by the kill is not a delivered event: the next run delivers it again
        String s = Files.readString(out, StandardCharsets.UTF_8);
        int end = s.lastIndexOf('\n') + 1;
        return s.substring(0, end).lines().toList();
    }

    private Process start(Path watched, Path positions, Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LiveCrashMain.class.getName(),
                watched.toString(), positions.toString(), out.toString())
                .redirectError(dir.resolve("stderr.txt").toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
