package dev.cloudwarden.engine.event;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The raw-record accessor follows the engine's field contract (DESIGN.md, "Sigma semantics we hold to"). */
class RawRecordTest {
    private static RawRecord record(String json) {
        return RawRecord.ofJson(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void dottedPathsAddressNestedObjects() {
        RawRecord r = record("{\"requestParameters\":{\"bucketName\":\"b1\",\"n\":5,\"t\":true}}");
        assertThat(r.text(FieldPath.of("requestParameters.bucketName"))).isEqualTo("b1");
        assertThat(r.text(FieldPath.of("requestParameters.n"))).isEqualTo("5");
        assertThat(r.text(FieldPath.of("requestParameters.t"))).isEqualTo("true");
        assertThat(r.get(FieldPath.of("requestParameters.missing"))).isNull();
    }

    @Test
    void aKeyThatLiterallyContainsTheDotsWins() {
        RawRecord r = record("{\"a.b\":\"literal\",\"a\":{\"b\":\"nested\"},\"x\":{\"y.z\":\"inner literal\"}}");
        assertThat(r.text(FieldPath.of("a.b"))).isEqualTo("literal");
        assertThat(r.text(FieldPath.of("x.y.z"))).isEqualTo("inner literal");
    }

    @Test
    void arraysOnTheWayOrAtTheEndFanOut() {
        RawRecord r = record("{\"items\":[{\"id\":\"i-1\"},{\"id\":\"i-2\"},{\"other\":1}],\"tags\":[\"a\",\"b\"]}");
        assertThat(r.getAll(FieldPath.of("items.id"))).extracting(JsonNode::asText).containsExactly("i-1", "i-2");
        assertThat(r.getAll(FieldPath.of("tags"))).extracting(JsonNode::asText).containsExactly("a", "b");
    }

    @Test
    void jsonNullIsPresentButHasNoText() {
        RawRecord r = record("{\"errorCode\":null}");
        assertThat(r.has(FieldPath.of("errorCode"))).isTrue();
        assertThat(r.text(FieldPath.of("errorCode"))).isNull();
        assertThat(r.has(FieldPath.of("errorMessage"))).isFalse();
    }

    @Test
    void objectsReadAsTheirCompactJsonAndTheOriginalTextIsKept() {
        String json = "{\"p\": {\"k\": [1, 2]}}";
        RawRecord r = record(json);
        assertThat(r.text(FieldPath.of("p"))).isEqualTo("{\"k\":[1,2]}");
        assertThat(r.text()).isEqualTo(json);
    }

    @Test
    void aLineWithItsFieldsAsJsonIsTheLineWithItsFieldsTree() throws Exception {
        String line = "Dec  6 10:00:00 host sshd[1]: Failed password for root from 203.0.113.9 port 22 ssh2";
        com.fasterxml.jackson.databind.node.ObjectNode fields = Json.NODES.objectNode().put("user", "root")
                .put("port", 22);
        RawRecord tree = RawRecord.ofLine(line, fields);
        RawRecord lazy = RawRecord.ofLineFields(line, Json.MAPPER.writeValueAsBytes(fields));
        assertThat(lazy.isJson()).isFalse();
        assertThat(lazy.jsonBytes()).isNull();
        assertThat(lazy.text()).isEqualTo(line);
        assertThat(lazy.digest()).isEqualTo(tree.digest()).isEqualTo(Digests.sha256(line.getBytes(StandardCharsets.UTF_8)));
        assertThat(lazy.text(FieldPath.of("user"))).isEqualTo("root");
        assertThat(lazy.get(FieldPath.of("port")).intValue()).isEqualTo(22);
        assertThat(lazy.lineFieldBytes()).as("parsed once asked").isNull();
    }
}
