package dev.cloudwarden.engine.incident;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the reader of incident files ({@code report --incidents}); plain runs replay
 * {@code IncidentFileFuzzTestInputs/} (a demo incident, a truncated one, wrong shapes). Every non-blank line is an
 * update or a named problem, never an exception. To fuzz: {@code JAZZER_FUZZ=1 mvn -pl engine test -Dtest=IncidentFileFuzzTest}.
 */
class IncidentFileFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anyBytesAreIncidentsOrNamedProblems(byte[] input) {
        try {
            Path file = Files.createTempFile("incidents", ".ndjson");
            try {
                Files.write(file, input);
                AtomicLong problems = new AtomicLong();
                long read = IncidentFile.forEach(file, u -> assertThat(u.incident().alerts()).isNotEmpty(), (line, reason) -> {
                    assertThat(line).isPositive();
                    assertThat(reason).isNotBlank();
                    problems.incrementAndGet();
                });
                // every line but the blank ones (decoded leniently here: a line that is not UTF-8 is not blank either)
                long lines = java.util.Arrays.stream(new String(input, StandardCharsets.UTF_8).split("\n", -1))
                        .filter(l -> !l.isBlank()).count();
                assertThat(read + problems.get()).isEqualTo(lines);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
