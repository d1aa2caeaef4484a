package dev.cloudwarden.engine.ingest.json;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonScannerTest {
    private static final JsonFieldExtractor EXTRACTOR = new JsonFieldExtractor(List.of("a", "n.m", "list.k"));

    private static ExtractedFields extract(String json) throws JsonScanException {
        return EXTRACTOR.extract(json.getBytes(StandardCharsets.UTF_8), 4);
    }

    @Test
    void decodesOnlyWhatWasAskedForAndFansOutOverArrays() throws JsonScanException {
        ExtractedFields f = extract("\ufeff {\"skip\":{\"deep\":[1,2,{\"x\":\"\\u00e9\"}]},\"a\":\"caf\\u00e9 \\\"q\\\" \\n\","
                + "\"n\":{\"m\":-1.5e3},\"list\":[{\"k\":1},{\"k\":true},{\"k\":null},{\"k\":\"s\"}]} ");
        assertThat(f.get(0)).isEqualTo("café \"q\" \n");
        assertThat(f.get(1)).isEqualTo("-1.5e3");
        assertThat(f.all(2)).containsExactly("1", "true", "s");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"a\":01}|invalid JSON: invalid number: leading zeroes are not allowed at column 6",
            "{\"a\":\"x\\q\"}|invalid JSON: invalid escape '\\q' in a string at column 8",
            "{\"a\":\"x\\u12\"}|invalid JSON: invalid \\u escape: expected 4 hex digits at column 8",
            "{\"a\":tru}|invalid JSON: unrecognized token, expected 'true' at column 6",
            "{\"a\":1,}|invalid JSON: expected a field name, found '}' at column 8",
            "{\"a\":1} x|invalid JSON: unexpected content after the JSON object at column 9",
            "{\"a\":\"open|invalid JSON: unterminated string at column 6",
            "{\"a\":[[[[1]]]]}|JSON nested deeper than the limit (4 levels)",
            "[1]|expected a JSON object, found '['",
            "{\"a\" 1}|invalid JSON: expected ':' after a field name, found '1' at column 6"})
    void rejectsWithAReasonAndColumn(String json, String reason) {
        assertThatThrownBy(() -> extract(json)).isInstanceOf(JsonScanException.class)
                .extracting(e -> ((JsonScanException) e).reason()).isEqualTo(reason);
    }

    @Test
    void rejectsRawControlCharactersAndBrokenUtf8InStrings() {
        assertThatThrownBy(() -> extract("{\"a\":\"tab\there\"}")).extracting(e -> ((JsonScanException) e).reason())
                .isEqualTo("invalid JSON: control character (code 9) inside a string; it must be escaped at column 10");
        byte[] broken = {'{', '"', 'a', '"', ':', '"', (byte) 0xE2, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> EXTRACTOR.extract(broken, 4)).extracting(e -> ((JsonScanException) e).reason())
                .isEqualTo("invalid JSON: invalid UTF-8 at column 7");
    }
}
