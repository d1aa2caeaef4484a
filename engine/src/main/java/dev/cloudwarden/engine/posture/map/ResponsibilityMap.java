package dev.cloudwarden.engine.posture.map;

import dev.cloudwarden.engine.posture.check.Check;
import dev.cloudwarden.engine.posture.model.Layer;
import dev.cloudwarden.engine.posture.model.Owner;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared-responsibility map (the report's R8): for each customer-side control of each service model, the posture
 * checks that verify it and the detections that watch it, and of those detections the ones whose telemetry is actually
 * fed. A control with neither a check nor a fed detection is a dead spot.
 */
public final class ResponsibilityMap {
    public static final String CATALOG = "/dev/cloudwarden/posture/responsibility.yaml";

    /** Where a control stands. */
    public enum Coverage {
        /** A posture check and a detection with telemetry. */
        COVERED,
        /** Checked before deployment, but nobody would see it being abused. */
        POSTURE_ONLY,
        /** Watched, but its configuration is never checked. */
        DETECTION_ONLY,
        /** Detections exist, but none of their telemetry is fed: as blind as no detection. */
        DETECTION_UNFED,
        /** Neither. */
        DEAD_SPOT
    }

    /** One control's row. */
    public record Row(Control control, List<Check> checks, List<DetectionRule> rules, List<DetectionRule> fedRules,
                      Coverage coverage) {
    }

    private final List<Control> controls;

    public ResponsibilityMap(List<Control> controls) {
        this.controls = List.copyOf(controls);
    }

    public static ResponsibilityMap builtIn() {
        try (InputStream in = ResponsibilityMap.class.getResourceAsStream(CATALOG)) {
            if (in == null) {
                throw new IllegalStateException("missing " + CATALOG);
            }
            return new ResponsibilityMap(parse(new Load(LoadSettings.builder().setLabel(CATALOG).build()).loadFromInputStream(in)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Control> controls() {
        return controls;
    }

    /** The rows, in catalog order, for these checks and rules with these telemetry sources fed. */
    public List<Row> rows(List<Check> checks, List<DetectionRule> rules, Set<String> fedSources) {
        List<Row> rows = new ArrayList<>();
        for (Control c : controls) {
            List<Check> checking = checks.stream().filter(k -> c.coversCheck(k.id())).toList();
            List<DetectionRule> watching = rules.stream().filter(c::coversRule).toList();
            List<DetectionRule> fed = watching.stream()
                    .filter(r -> r.fedBy().stream().anyMatch(fedSources::contains)).toList();
            Coverage coverage = !checking.isEmpty() && !fed.isEmpty() ? Coverage.COVERED
                    : !checking.isEmpty() ? Coverage.POSTURE_ONLY
                    : !fed.isEmpty() ? Coverage.DETECTION_ONLY
                    : !watching.isEmpty() ? Coverage.DETECTION_UNFED
                    : Coverage.DEAD_SPOT;
            rows.add(new Row(c, checking, watching, fed, coverage));
        }
        return rows;
    }

    /** The service models a detection belongs to (those of the controls it watches); empty when none. */
    public List<Layer> layersOf(DetectionRule rule) {
        return controls.stream().filter(c -> c.coversRule(rule)).map(Control::layer).distinct().toList();
    }

    /** The owner of what a detection watches: the strictest of its controls' owners (customer before shared). */
    public Owner ownerOf(DetectionRule rule) {
        return controls.stream().filter(c -> c.coversRule(rule)).map(Control::owner).min(Enum::compareTo).orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static List<Control> parse(Object root) {
        if (!(root instanceof Map<?, ?> m) || !(m.get("controls") instanceof List<?> list)) {
            throw new IllegalStateException(CATALOG + ": expected 'controls:' with a list");
        }
        List<Control> out = new ArrayList<>();
        for (Object o : list) {
            Map<String, Object> c = (Map<String, Object>) o;
            out.add(Control.of((String) c.get("id"), Layer.of((String) c.get("layer")), Owner.of((String) c.get("owner")),
                    (String) c.get("title"), strings(c.get("checks")), strings(c.get("rules"))));
        }
        return Collections.unmodifiableList(out);
    }

    private static List<String> strings(Object v) {
        return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
