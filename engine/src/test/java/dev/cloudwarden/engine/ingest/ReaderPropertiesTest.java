package dev.cloudwarden.engine.ingest;

import dev.cloudwarden.engine.ingest.read.Input;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever bytes arrive, the reader yields events, rejections or skips, and never lets an exception out.
 * Inputs are random bytes, random text, and real golden inputs with random damage (bytes flipped,
 * cut short, lines spliced), since damaged real logs are what reaches the deeper code paths.
 */
class ReaderPropertiesTest {

    @Property(tries = 400)
    void anyBytesGiveEventsOrRejectionsNeverAnException(@ForAll("inputs") byte[] input) {
        var c = new GoldenFiles.Collected();
        IngestStats stats = new IngestStats(c);
        new Ingestor(IngestOptions.defaults().withMaxLineBytes(4096).withMaxDepth(32))
                .read(Input.bytes("fuzz", input, GoldenFiles.REFERENCE_TIME), stats);
        assertThat(stats.units()).isEqualTo(c.events.size() + c.rejections.size() + c.skipped.size());
        if (isLineOriented(input)) {
            assertThat(stats.units()).as("one outcome per line").isEqualTo(lineCount(input));
        }
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
        Arbitrary<byte[]> text = Arbitraries.strings().withChars("{}[]\":,0123456789abc \n\t\\.-TZ")
                .ofMaxLength(400).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> damaged = Arbitraries.of(goldenInputs()).flatMap(real ->
                Arbitraries.integers().between(0, Math.max(0, real.length - 1)).list().ofMaxSize(6)
                        .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size())
                                .flatMap(values -> Arbitraries.integers().between(1, real.length).map(cut -> {
                                    byte[] copy = java.util.Arrays.copyOf(real, cut);
                                    for (int i = 0; i < positions.size(); i++) {
                                        if (positions.get(i) < copy.length) {
                                            copy[positions.get(i)] = values.get(i);
                                        }
                                    }
                                    return copy;
                                }))));
        return Arbitraries.oneOf(random, text, damaged);
    }

    private static List<byte[]> goldenInputs() {
        List<byte[]> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(GoldenFiles.resource(""))) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().endsWith(".expected.ndjson") && !p.toString().endsWith(".md")
                            && !p.toString().endsWith(".txt"))
                    .sorted()
                    .forEach(p -> {
                        try {
                            byte[] b = Files.readAllBytes(p);
                            all.add(b.length > 8000 ? java.util.Arrays.copyOf(b, 8000) : b);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** Not JSON containers (those count records, not lines) and not gzip. */
    private static boolean isLineOriented(byte[] b) {
        int i = 0;
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        boolean gzip = b.length >= 2 && (b[0] & 0xFF) == 0x1f && (b[1] & 0xFF) == 0x8b;
        boolean bom = b.length >= 3 && (b[0] & 0xFF) == 0xEF;
        return !gzip && !bom && (i == b.length || b[i] != '{' && b[i] != '[');
    }

    private static long lineCount(byte[] b) {
        if (b.length == 0) {
            return 0;
        }
        long n = 0;
        for (byte x : b) {
            if (x == '\n') {
                n++;
            }
        }
        return b[b.length - 1] == '\n' ? n : n + 1;
    }
}
