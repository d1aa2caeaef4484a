package dev.cloudwarden.app.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventJson;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NDJSON written as bytes against the way it was written before: a character generator with the same escapes,
 * encoded by a UTF-8 writer. Log fields are attacker controlled, so the texts mix plain ASCII with every kind of
 * character the escapes, the encoder or Jackson treat specially.
 */
class JsonEventWriterTest {
    private static final char[] ALPHABET = {'a', 'Z', '0', ' ', '/', '?', '"', '\\', '\t', '\n', 0x00, 0x1B, 0x1F, 0x7F,
        0x80, 0x85, 0x9B, 0x9F, 0xA0, 'é', 'ü', '日', 0x2028, 0x202A, 0x202E, 0x2066, 0x2069, 0xFFFD, 0xFFFF,
        0xD83D, 0xDE00, 0xDBFF, 0xDC00}; // the last four make surrogate pairs, and lone surrogates, at random

    @Property(tries = 3000)
    void writesTheSameBytesAsTheCharacterWriterDid(@ForAll("texts") String text) {
        for (boolean raw : new boolean[]{false, true}) {
            Event e = event(text);
            assertThat(new String(bytes(e, raw), StandardCharsets.UTF_8))
                    .isEqualTo(new String(asBefore(e, raw), StandardCharsets.UTF_8));
            assertThat(bytes(e, raw)).isEqualTo(asBefore(e, raw));
        }
    }

    @Test
    void escapesWhatActsOnATerminalAndKeepsText() {
        String out = new String(bytes(event("a\u001b]0;x\u0007\u007f\u0085\u009b\u202e\u2066 é 日 \uD83D\uDE00 \"q\" \\"),
                false), StandardCharsets.UTF_8);
        assertThat(out).contains("\"principal\":\"a\\u001B]0;x\\u0007\\u007F\\u0085\\u009b\\u202e\\u2066 é 日 \uD83D\uDE00 \\\"q\\\" \\\\\"");
    }

    @Test
    void aLoneSurrogateBecomesAQuestionMarkAndTheNextCharacterStays() {
        String out = new String(bytes(event("x\uD800\u001b[31m \uDC00y \uDBFF"), false), StandardCharsets.UTF_8);
        assertThat(out).contains("\"principal\":\"x?\\u001B[31m ?y ?\"");
    }

    @Test
    void longTextsStayTheSameText() throws IOException {
        // Jackson writes strings over 1,000 characters in pieces; a pair split between two is written as two
        // escapes, which read back as the same text.
        String text = "a".repeat(999) + "\uD83D\uDE00\u001b" + "b\u202e".repeat(700) + "\uD800c";
        String line = new String(bytes(event(text), true), StandardCharsets.UTF_8).trim();
        String expected = text.replace('\uD800', '?');
        assertThat(Json.MAPPER.readTree(line).at("/actor/principal").asText()).isEqualTo(expected);
        assertThat(Json.MAPPER.readTree(line).at("/raw/" + "k").asText()).isEqualTo(expected);
        assertThat(line).doesNotContain("\u001b").doesNotContain("\u202e");
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars(ALPHABET).ofMaxLength(40),
                Arbitraries.strings().withChars(ALPHABET).ofMinLength(200).ofMaxLength(999),
                Arbitraries.strings().alpha().numeric().withChars(" -_:/.@").ofMaxLength(80));
    }

    /** An event carrying {@code text} in string values and, in its raw record, as a key and a value. */
    private static Event event(String text) {
        ObjectNode raw = Json.NODES.objectNode();
        raw.put(text, text);
        raw.put("k", text);
        return Event.builder(SourceType.GENERIC_JSON, Instant.parse("2026-11-01T00:00:00.5Z"), RawRecord.ofTree(raw))
                .actor(Actor.named(text, "t"))
                .userAgent(text)
                .resource("r", text)
                .origin(Origin.line("input", 7))
                .build();
    }

    private static byte[] bytes(Event e, boolean raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonEventWriter w = new JsonEventWriter(out, raw)) {
            w.write(e);
            w.write(e);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return out.toByteArray();
    }

    /** What {@code events --format json} wrote before it wrote bytes. */
    private static byte[] asBefore(Event e, boolean raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer chars = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            JsonGenerator g = SafeJsonEscapes.newlineSeparated(chars);
            EventJson.write(e, g, raw, true);
            EventJson.write(e, g, raw, true);
            g.writeRaw('\n');
            g.flush();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return out.toByteArray();
    }
}
