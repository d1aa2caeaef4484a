package dev.cloudwarden.app.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Cells are log text an attacker wrote: each output keeps them inert. */
class HuntResultWriterTest {
    private static final String FORMULA = "=cmd|' /C calc'!A0";
    private static final String ANSI = "\u001b[2J\u001b]0;pwned\u0007evil";
    private static final String NEWLINE = "line1\nline2,\"quoted\"";
    private static final HuntResult HOSTILE = new HuntResult(List.of("user_agent", "n"), List.of(
            Arrays.asList(FORMULA, -5L), Arrays.asList(ANSI, 1L), Arrays.asList(NEWLINE, null),
            Arrays.asList("+SUM(A1)", 2L), Arrays.asList("@HYPERLINK(\"x\")", 3L), Arrays.asList("-2+3", 4L),
            Arrays.asList("bidi\u202Etxt.exe", 5L)), true, Duration.ofMillis(12));

    @Test
    void csvQuotesAndDefusesFormulas() throws Exception {
        String csv = write(HuntResultWriter.Format.csv);
        assertThat(csv.split("\r\n", -1)).startsWith("user_agent,n", "'=cmd|' /C calc'!A0,-5");
        assertThat(csv).contains("\"line1\nline2,\"\"quoted\"\"\",\r\n");
        assertThat(csv).contains("'+SUM(A1),2\r\n").contains("\"'@HYPERLINK(\"\"x\"\")\",3\r\n").contains("'-2+3,4\r\n");
        assertThat(csv).doesNotContain("\r\n=").doesNotContain("\r\n+").doesNotContain("\r\n@");
    }

    @Test
    void theTableEscapesControlCharactersNewlinesAndBidi() throws Exception {
        String table = write(HuntResultWriter.Format.table);
        assertThat(table).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202E");
        assertThat(table).contains("\\x1b[2J\\x1b]0;pwned\\x07evil").contains("line1\\nline2").contains("bidi\\u202etxt.exe");
        assertThat(table.lines()).hasSize(8); // header and seven rows: no cell broke a line
    }

    @Test
    void jsonKeepsTheTextExactAndEscaped() throws Exception {
        String json = write(HuntResultWriter.Format.json);
        assertThat(json).doesNotContain("\u001b").doesNotContain("\u202E");
        JsonNode tree = Json.MAPPER.readTree(json);
        assertThat(tree.get("rows").get(0).get(0).asText()).isEqualTo(FORMULA);
        assertThat(tree.get("rows").get(1).get(0).asText()).isEqualTo(ANSI);
        assertThat(tree.get("rows").get(2).get(1).isNull()).isTrue();
        assertThat(tree.get("truncated").asBoolean()).isTrue();
        assertThat(tree.get("columns").toString()).isEqualTo("[\"user_agent\",\"n\"]");
    }

    private static String write(HuntResultWriter.Format format) throws Exception {
        StringWriter out = new StringWriter();
        HuntResultWriter.write(HOSTILE, format, new PrintWriter(out));
        return out.toString();
    }
}
