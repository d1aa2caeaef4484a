package dev.cloudwarden.engine.ingest.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.RawRecord;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scanner against Jackson, the reference: on any bytes, it accepts exactly the single JSON objects
 * Jackson accepts (so a record it lets through always builds a raw tree later), and the values it extracts
 * equal what Jackson's tree holds at the same paths.
 */
class JsonScannerPropertiesTest {
    private static final List<String> KEYS = List.of("a", "b", "eventName", "userIdentity", "arn", "x.y", "ü", "");
    private static final List<String> PATHS = List.of("a", "b", "eventName", "userIdentity.arn", "userIdentity.a.b",
            "a.b", "b.a.eventName", "ü", "a.ü");
    private static final JsonFieldExtractor EXTRACTOR = new JsonFieldExtractor(PATHS);
    private static final int DEPTH = 6;

    @Property(tries = 1500)
    void acceptsExactlyWhatJacksonAcceptsAndExtractsTheSameValues(@ForAll("records") byte[] record) {
        JsonNode reference = jackson(record);
        ExtractedFields fields;
        try {
            fields = EXTRACTOR.extract(record, DEPTH);
        } catch (JsonScanException e) {
            assertThat(reference).as("scanner rejected (%s) what Jackson accepts: %s", e.reason(), show(record)).isNull();
            return;
        }
        assertThat(reference).as("scanner accepted what Jackson rejects: %s", show(record)).isNotNull();
        RawRecord raw = RawRecord.ofTree(reference);
        for (int i = 0; i < PATHS.size(); i++) {
            // Numbers come back as written ("1.50"); Jackson's tree may print them differently ("1.5").
            assertThat(fields.all(i)).as("values at %s in %s", PATHS.get(i), show(record))
                    .usingElementComparator(JsonScannerPropertiesTest::sameValue)
                    .isEqualTo(expected(raw, PATHS.get(i)));
        }
    }

    private static int sameValue(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        try {
            // Jackson's tree holds doubles, which may round the last digit differently than the text.
            double x = Double.parseDouble(a);
            double y = Double.parseDouble(b);
            return x == y || Math.abs(x - y) <= 1e-15 * Math.max(Math.abs(x), Math.abs(y)) ? 0 : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Jackson's verdict: the object tree, or null when the bytes are not exactly one JSON object within the depth. */
    private static JsonNode jackson(byte[] record) {
        try (var p = Json.factory(DEPTH).createParser(record)) {
            JsonNode tree = Json.MAPPER.readTree(p);
            if (tree == null || !tree.isObject() || p.nextToken() != null) {
                return null;
            }
            return tree;
        } catch (IOException e) {
            return null;
        }
    }

    /** Scalar leaves at a plain nested path (segments are keys; arrays fan out), as the extractor defines it. */
    private static List<String> expected(RawRecord raw, String path) {
        List<String> out = new ArrayList<>();
        collect(raw.tree(), path.split("\\."), 0, out);
        return out;
    }

    private static void collect(JsonNode node, String[] segments, int i, List<String> out) {
        if (node.isArray()) {
            node.forEach(e -> collect(e, segments, i, out));
            return;
        }
        if (i == segments.length) {
            if (node.isValueNode() && !node.isNull()) {
                out.add(node.asText());
            }
            return;
        }
        if (node.isObject()) {
            // Duplicate keys: Jackson's tree keeps the last; the extractor keeps all. Generators avoid duplicates.
            JsonNode child = node.get(segments[i]);
            if (child != null) {
                collect(child, segments, i + 1, out);
            }
        }
    }

    @Provide
    Arbitrary<byte[]> records() {
        Arbitrary<byte[]> valid = tree(3).map(n -> n.toString().getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> damaged = Combinators.combine(valid, Arbitraries.integers().between(0, 10_000),
                Arbitraries.of(damages())).as((bytes, at, damage) -> damage.apply(bytes, at % Math.max(1, bytes.length)));
        Arbitrary<byte[]> raw = Arbitraries.strings().withChars("{}[]\":,0123456789-+.eE truefalsn\\u\t\n")
                .ofMaxLength(60).map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, valid), net.jqwik.api.Tuple.of(5, damaged), net.jqwik.api.Tuple.of(2, raw));
    }

    private interface Damage {
        byte[] apply(byte[] b, int at);
    }

    private static List<Damage> damages() {
        byte[] specials = "{}[]\":,\\u0-.eE tfn\u0001\t".getBytes(StandardCharsets.UTF_8);
        List<Damage> list = new ArrayList<>();
        list.add((b, at) -> Arrays.copyOf(b, at));                                        // truncate
        list.add((b, at) -> remove(b, at));                                               // drop a byte
        for (byte s : specials) {
            list.add((b, at) -> replace(b, at, s));                                       // overwrite with a special
            list.add((b, at) -> insert(b, at, s));                                        // insert a special
        }
        list.add((b, at) -> replace(b, at, (byte) 0xC3));                                 // broken UTF-8
        list.add((b, at) -> replace(b, at, (byte) 0xFF));
        list.add((b, at) -> insert(b, at, "\\u12".getBytes(StandardCharsets.UTF_8)));
        list.add((b, at) -> insert(b, at, "01".getBytes(StandardCharsets.UTF_8)));
        list.add((b, at) -> concat(b, " {}".getBytes(StandardCharsets.UTF_8)));            // two values
        list.add((b, at) -> concat("[[[[[[[[".getBytes(StandardCharsets.UTF_8), b));
        return list;
    }

    private Arbitrary<JsonNode> tree(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (JsonNode) Json.NODES.textNode(s)),
                Arbitraries.strings().withChars("a\"\\/\n\t\u0001é日😀").ofMaxLength(6).map(s -> (JsonNode) Json.NODES.textNode(s)),
                Arbitraries.longs().map(v -> (JsonNode) Json.NODES.numberNode(v)),
                Arbitraries.doubles().filter(Double::isFinite).map(v -> (JsonNode) Json.NODES.numberNode(v)),
                Arbitraries.of(true, false).map(v -> (JsonNode) Json.NODES.booleanNode(v)),
                Arbitraries.just((JsonNode) Json.NODES.nullNode()));
        if (depth == 0) {
            return object(scalar);
        }
        Arbitrary<JsonNode> child = Arbitraries.lazy(() -> Arbitraries.oneOf(scalar, scalar, tree(depth - 1),
                array(Arbitraries.lazy(() -> Arbitraries.oneOf(scalar, tree(depth - 1))))));
        return object(child);
    }

    private static Arbitrary<JsonNode> object(Arbitrary<JsonNode> values) {
        return Arbitraries.of(KEYS).list().uniqueElements().ofMaxSize(5).flatMap(keys ->
                values.list().ofSize(keys.size()).map(vals -> {
                    ObjectNode o = Json.NODES.objectNode();
                    for (int i = 0; i < keys.size(); i++) {
                        o.set(keys.get(i), vals.get(i));
                    }
                    return (JsonNode) o;
                }));
    }

    private static Arbitrary<JsonNode> array(Arbitrary<JsonNode> values) {
        return values.list().ofMaxSize(3).map(vals -> {
            ArrayNode a = Json.NODES.arrayNode();
            vals.forEach(a::add);
            return (JsonNode) a;
        });
    }

    private static byte[] remove(byte[] b, int at) {
        if (b.length == 0) {
            return b;
        }
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + 1, out, at, b.length - at - 1);
        return out;
    }

    private static byte[] replace(byte[] b, int at, byte v) {
        if (b.length == 0) {
            return b;
        }
        byte[] out = b.clone();
        out[at] = v;
        return out;
    }

    private static byte[] insert(byte[] b, int at, byte... v) {
        byte[] out = new byte[b.length + v.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(v, 0, out, at, v.length);
        System.arraycopy(b, at, out, at + v.length, b.length - at);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String show(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.toString();
    }

}
