package dev.cloudwarden.app.output;

import dev.cloudwarden.engine.event.Event;

import java.io.PrintWriter;

/**
 * One line per event for people: time, source, actor, source address, operation, outcome. Columns are
 * cut to fixed widths, and every field is made terminal-safe since log fields are attacker controlled.
 */
public final class TableEventWriter implements EventWriter {
    private static final String ROW = "%-24s %-15s %-40s %-22s %-44s %s%n";
    private final PrintWriter out;
    private boolean headed;

    public TableEventWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void write(Event e) {
        if (!headed) {
            out.printf(ROW, "TIME", "SOURCE", "ACTOR", "SOURCE ADDRESS", "OPERATION", "OUTCOME");
            headed = true;
        }
        String src = e.src().ip() != null ? e.src().ip() + (e.src().port() != null ? ":" + e.src().port() : "")
                : e.src().host();
        String op = e.operation().service() == null ? e.operation().name()
                : e.operation().name() == null ? e.operation().service()
                : e.operation().service() + " " + e.operation().name();
        String outcome = e.outcome().status().name().toLowerCase()
                + (e.outcome().errorCode() != null ? " " + e.outcome().errorCode() : "");
        out.printf(ROW, e.time(), e.source().id(), cell(e.actor().principal(), 40), cell(src, 22), cell(op, 44),
                cell(outcome, 40));
    }

    static String cell(String value, int width) {
        String safe = TerminalText.safe(value == null ? "-" : value);
        return safe.length() <= width ? safe : safe.substring(0, width - 1) + "…";
    }

    @Override
    public void close() {
        out.flush();
    }
}
