package dev.cloudwarden.engine.ingest;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.ingest.read.Input;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parsing one NDJSON input on several threads ({@link ParallelJsonLines}) must be invisible: the sink sees the same
 * calls, in the same order, as with one thread, whatever the input holds between its records (blank lines, invalid
 * UTF-8, oversized lines, broken JSON, records of another source) and wherever it is cut short.
 */
class ParallelJsonLinesTest {
    private static final List<String> RECORDS = realRecords();

    @Property(tries = 60)
    void severalParseThreadsGiveTheSinkCallsOfOne(@ForAll("inputs") byte[] input,
                                                  @ForAll @IntRange(min = 2, max = 4) int threads) {
        assertThat(calls(input, threads)).isEqualTo(calls(input, 1));
    }

    /**
     * The same for an input of envelopes (the first line is one), where records without a time take the previous
     * event's at delivery: across chunk boundaries too, whichever thread parsed them.
     */
    @Property(tries = 30)
    void severalParseThreadsGiveTheSinkCallsOfOneForEnvelopes(@ForAll("inputs") byte[] input,
                                                              @ForAll @IntRange(min = 2, max = 4) int threads) {
        byte[] enveloped = (logstash(RECORDS.get(0)) + "\n" + new String(input, StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
        List<String> one = calls(enveloped, 1);
        assertThat(calls(enveloped, threads)).isEqualTo(one);
    }

    @Test
    void recordsWithoutATimeTakeThePreviousEventsAcrossChunksWithAnyNumberOfThreads() {
        StringBuilder in = new StringBuilder();
        int n = 3 * ParallelJsonLines.CHUNK + 5;
        for (int i = 0; i < n; i++) {
            String r = RECORDS.get(i % RECORDS.size());
            in.append(i % 7 == 3 ? withoutTime(r) : r).append('\n');
        }
        byte[] bytes = in.toString().getBytes(StandardCharsets.UTF_8);
        List<String> one = calls(bytes, 1);
        assertThat(calls(bytes, 3)).isEqualTo(one);
        assertThat(one).filteredOn(c -> c.contains(" PREVIOUS_EVENT ")).hasSizeGreaterThan(ParallelJsonLines.CHUNK / 7);
    }

    @Test
    void aGzipCutShortRejectsItsLastLineAfterEveryRecordBeforeIt() throws IOException {
        byte[] plain = ndjson(3 * ParallelJsonLines.CHUNK + 17);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        byte[] cut = Arrays.copyOf(gz.toByteArray(), gz.size() * 3 / 4);
        List<String> one = calls(cut, 1, "cut.jsonl.gz");
        assertThat(calls(cut, 3, "cut.jsonl.gz")).isEqualTo(one);
        assertThat(one.get(one.size() - 1)).contains("input ends early");
        assertThat(one.stream().filter(c -> c.startsWith("event ")).count()).isGreaterThan(ParallelJsonLines.CHUNK);
    }

    @Test
    void everyRecordOfALargeInputIsParsedOnceInLineOrder() {
        int n = 10 * ParallelJsonLines.CHUNK + 3;
        List<String> calls = calls(ndjson(n), 2);
        assertThat(calls).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(calls.get(i)).startsWith("event input:" + (i + 1) + " ");
        }
    }

    private static List<String> calls(byte[] input, int threads) {
        return calls(input, threads, "input");
    }

    private static List<String> calls(byte[] input, int threads, String name) {
        List<String> calls = new ArrayList<>();
        IngestSink sink = new IngestSink() {
            @Override
            public void onEvent(Event event) {
                calls.add("event " + event.origin() + " " + event.source() + " " + event.time() + " "
                        + event.timeBasis() + " " + event.uid() + " " + event.operation());
            }

            @Override
            public void onRejected(Rejection rejection) {
                calls.add("rejected " + rejection.message() + " "
                        + new String(rejection.content(), StandardCharsets.UTF_8));
            }

            @Override
            public void onSkipped(Origin origin, String reason) {
                calls.add("skipped " + origin + " " + reason);
            }
        };
        new Ingestor(IngestOptions.defaults().withMaxLineBytes(4096).withParseThreads(threads))
                .read(Input.bytes(name, input, GoldenFiles.REFERENCE_TIME), sink);
        return calls;
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        Arbitrary<String> line = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(60, Arbitraries.of(RECORDS)),
                net.jqwik.api.Tuple.of(8, Arbitraries.of(RECORDS).map(ParallelJsonLinesTest::withoutTime)),
                net.jqwik.api.Tuple.of(4, Arbitraries.of(RECORDS).map(ParallelJsonLinesTest::logstash)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(3, Arbitraries.just("   \t")),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(RECORDS).map(r -> r.substring(0, r.length() / 2))),
                net.jqwik.api.Tuple.of(2, Arbitraries.just("{\"eventTime\": 1}")),
                net.jqwik.api.Tuple.of(2, Arbitraries.just("[1, 2]")),
                net.jqwik.api.Tuple.of(2, Arbitraries.just("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\"}")),
                net.jqwik.api.Tuple.of(2, Arbitraries.just("x".repeat(5000))),
                net.jqwik.api.Tuple.of(2, Arbitraries.just("{\"bad\": \"\u0000\u00ff\"}")));
        Arbitrary<byte[]> lines = line.list().ofMinSize(1).ofMaxSize(4 * ParallelJsonLines.CHUNK)
                .map(ls -> String.join("\n", ls).getBytes(StandardCharsets.ISO_8859_1));
        // invalid UTF-8: a lone continuation byte somewhere in the text
        return lines.flatMap(b -> Arbitraries.integers().between(-1, b.length - 1).map(at -> {
            if (at >= 0 && b[at] != '\n') {
                b[at] = (byte) 0x80;
            }
            return b;
        }));
    }

    private static String withoutTime(String record) {
        return record.replaceFirst("\"eventTime\": ?\"[^\"]*\", ?", "");
    }

    /** The record as Logstash ships it: a JSON string in {@code message}, the shipper's time beside it. */
    private static String logstash(String record) {
        return "{\"@timestamp\":\"2030-01-01T00:00:00Z\",\"message\":"
                + dev.cloudwarden.engine.event.Json.NODES.textNode(record) + "}";
    }

    private static byte[] ndjson(int records) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < records; i++) {
            out.append(RECORDS.get(i % RECORDS.size())).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * CloudTrail records of the golden Panther sample, one per line: ASCII (ISO-8859-1 maps them unchanged) and under
     * the line limit of these reads.
     */
    private static List<String> realRecords() {
        try {
            return Files.readAllLines(GoldenFiles.resource("cloudtrail/panther-cloudtrail.jsonl")).stream()
                    .filter(l -> !l.isBlank() && l.length() < 4096 && l.chars().allMatch(c -> c < 128)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
