package dev.cloudwarden.app.hunt;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.app.output.SafeJsonEscapes;
import dev.cloudwarden.app.output.TerminalText;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a hunt's result. Cells come from logs, so they are attacker-controlled: the table escapes control
 * characters and bidi overrides ({@link TerminalText}); CSV quotes per RFC 4180 and defuses cells a spreadsheet would
 * run as a formula ({@link CsvCells}); JSON escapes as the other JSON outputs do ({@link SafeJsonEscapes}).
 */
public final class HuntResultWriter {
    /** Widest a table cell is shown; the rest is cut with an ellipsis (JSON and CSV keep everything). */
    static final int MAX_TABLE_CELL = 80;

    public enum Format { table, json, csv }

    private HuntResultWriter() {
    }

    public static void write(HuntResult r, Format format, PrintWriter out) throws IOException {
        switch (format) {
            case table -> table(r, out);
            case csv -> csv(r, out);
            case json -> json(r, out);
        }
        out.flush();
    }

    private static void table(HuntResult r, PrintWriter out) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(r.columns().stream().map(HuntResultWriter::shown).toList());
        for (List<Object> row : r.rows()) {
            cells.add(row.stream().map(c -> shown(c == null ? "" : c.toString())).toList());
        }
        int[] widths = new int[r.columns().size()];
        for (List<String> row : cells) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == 0 ? "" : "  ").append(row.get(i)).append(i == row.size() - 1 ? ""
                        : " ".repeat(widths[i] - row.get(i).length()));
            }
            out.println(line);
        }
    }

    private static String shown(String text) {
        String safe = TerminalText.safe(text);
        return safe.length() <= MAX_TABLE_CELL ? safe : safe.substring(0, MAX_TABLE_CELL - 1) + "…";
    }

    private static void csv(HuntResult r, PrintWriter out) {
        out.print(CsvCells.row(new ArrayList<>(r.columns())));
        for (List<Object> row : r.rows()) {
            out.print(CsvCells.row(row));
        }
    }

    private static void json(HuntResult r, PrintWriter out) throws IOException {
        JsonGenerator g = SafeJsonEscapes.newlineSeparated(out); // not closed: that would close the command's output
        write(r, g);
        out.println();
    }

    /** The result as one JSON object: {@code columns}, {@code rows} (arrays of cells), {@code truncated}, {@code took_ms}. */
    public static void write(HuntResult r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("columns");
        for (String c : r.columns()) {
            g.writeString(c);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("rows");
        for (List<Object> row : r.rows()) {
            g.writeStartArray();
            for (Object cell : row) {
                cell(g, cell);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeBooleanField("truncated", r.truncated());
        g.writeNumberField("took_ms", r.took().toMillis());
        g.writeEndObject();
        g.flush();
    }

    private static void cell(JsonGenerator g, Object cell) throws IOException {
        if (cell == null) {
            g.writeNull();
        } else if (cell instanceof JsonNode node) {
            g.writeTree(node);
        } else if (cell instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (cell instanceof java.math.BigDecimal d) {
            g.writeNumber(d);
        } else if (cell instanceof java.math.BigInteger n) {
            g.writeNumber(n);
        } else if (cell instanceof Double || cell instanceof Float) {
            g.writeNumber(((Number) cell).doubleValue());
        } else if (cell instanceof Number n) {
            g.writeNumber(n.longValue());
        } else {
            g.writeString(cell.toString());
        }
    }
}
