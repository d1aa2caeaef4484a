package dev.cloudwarden.engine.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventJson;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.ingest.read.Input;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the whole read path (sniffing, gzip, line splitting, every parser, the lazy
 * raw tree). Plain test runs replay the seed corpus in {@code IngestFuzzTestInputs/}; to fuzz, run
 * {@code JAZZER_FUZZ=1 mvn -pl engine test -Dtest=IngestFuzzTest}.
 */
class IngestFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyInputGivesOneOutcomePerUnit(byte[] input) {
        var c = new GoldenFiles.Collected();
        IngestStats stats = new IngestStats(c);
        new Ingestor(IngestOptions.defaults().withMaxLineBytes(8192).withMaxDepth(40))
                .read(Input.bytes("fuzz", input, GoldenFiles.REFERENCE_TIME), stats);
        assertThat(stats.units()).isEqualTo(c.events.size() + c.rejections.size() + c.skipped.size());
        for (Event e : c.events) {
            // Whatever was accepted must also render and give up its raw record without failing.
            StringWriter out = new StringWriter();
            try (var g = Json.FACTORY.createGenerator(out)) {
                EventJson.write(e, g, true, true);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            assertThat(out.toString()).isNotEmpty();
        }
    }
}
