package dev.cloudwarden.app.web;

import dev.cloudwarden.app.store.StoredPostureScan;

import java.util.List;
import java.util.Map;

/**
 * The posture page: open findings per responsibility layer and severity, the latest scans, and the findings the
 * filters select, most severe first.
 *
 * @param byLayer open findings per layer, by severity id
 */
public record PostureView(Frame page, Filters filters, Map<String, Map<String, Long>> byLayer,
                          List<StoredPostureScan> scans, List<FindingView> findings, String next) {
    public static final List<String> STATUSES = List.of("open", "suppressed", "resolved");
    public static final List<String> LAYERS = java.util.Arrays.stream(dev.cloudwarden.engine.posture.model.Layer.values())
            .map(dev.cloudwarden.engine.posture.model.Layer::id).toList();

    /** A layer's open findings of one severity, 0 when none. */
    public long count(String layer, String severity) {
        return byLayer.getOrDefault(layer, Map.of()).getOrDefault(severity, 0L);
    }

    public String when(StoredPostureScan s) {
        return Fmt.time(s.at());
    }

    public String roots(StoredPostureScan s) {
        return Fmt.visible(String.join(", ", s.roots()));
    }
}
