package dev.cloudwarden.app.web;

import java.util.List;

/**
 * The ATT&CK matrix page: one column per tactic in kill-chain order, a cell per technique seen in detections or
 * covered by rules, shaded by what the view counts (alerts in the time range, or rules switched on).
 *
 * @param view       {@code detections} or {@code coverage}
 * @param navigator  the link that downloads this view as an ATT&CK Navigator layer
 */
public record AttackMatrix(Frame page, String view, Filters filters, List<Column> columns, long techniques,
                           String navigator) {
    public record Column(String tactic, List<Cell> cells) {
    }

    /**
     * @param heat  h0 (none) to h5 (most), the cell's shade
     * @param link  the alerts of the technique (detections) or the rules tagging it (coverage)
     */
    public record Cell(String id, String name, long alerts, long rules, String heat, String link) {
    }

    public boolean coverage() {
        return "coverage".equals(view);
    }
}
