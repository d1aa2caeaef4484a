package dev.cloudwarden.app.report;

import java.util.List;

/**
 * The landscape report as its template shows it: every figure already counted and formatted, so the template only
 * lays them out (and escapes every value: principal names, user agents and bucket names are attacker-controlled).
 *
 * @param created   the end of the period (ISO-8601): the document's date, never the clock's, so the same store and
 *                  period give the same bytes
 * @param incidents the incidents of the period
 */
public record ReportView(String title, String created, String period, String previousPeriod, long incidents, boolean empty,
                         List<Figure> headline,
                         List<Bar> initialAccess, List<Bar> actions, List<Bar> malware, List<Bar> motives,
                         List<HeatColumn> heat, List<EntityTable> entities, List<Figure> timing, List<Figure> costs,
                         List<LayerRow> posture, List<String> deadSpots, List<Recommendation> recommendations,
                         List<String> methodology) {
    public static final String NONE = "—";
    /** The widest bar of a chart, in SVG user units. */
    public static final int BAR_WIDTH = 320;

    public record Figure(String label, String value) {
    }

    /**
     * A row of a bar chart.
     *
     * @param width  the bar's length in SVG units (0..{@link #BAR_WIDTH})
     * @param trend  the change against the previous period ({@code +3}, {@code -1}, {@code =})
     */
    public record Bar(String id, String label, long count, String share, int width, long previous, String trend) {
    }

    public record HeatCell(String id, String name, long count, String heat) {
    }

    public record HeatColumn(String tactic, List<HeatCell> cells) {
    }

    public record EntityRow(String value, long incidents) {
    }

    public record EntityTable(String type, List<EntityRow> rows) {
    }

    /** Open posture findings of a responsibility layer, by severity (informational .. critical), and in all. */
    public record LayerRow(String layer, List<Long> bySeverity, long total) {
    }

    /** A recommendation of the report (R1-R9): what is in place, from the store's own evidence. */
    public record Recommendation(String id, String title, String status, String evidence) {
    }

    /** Where a bar chart's bars start, in SVG units: past its longest row id at 10px type ({@code T1}, {@code espionage}). */
    public static int barsStart(List<Bar> bars) {
        int longest = bars.stream().mapToInt(b -> b.id().length()).max().orElse(0);
        return Math.max(40, 8 + 6 * longest);
    }

    /** Height of a bar chart of {@code bars} in SVG units. */
    public static int chartHeight(List<Bar> bars) {
        return Math.max(1, bars.size()) * 22;
    }
}
