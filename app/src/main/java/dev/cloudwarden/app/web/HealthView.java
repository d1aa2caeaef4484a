package dev.cloudwarden.app.web;

import dev.cloudwarden.app.live.InputHealth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The health page: the service's state as {@code /api/v1/health} gives it, its figures, and each input's. */
public record HealthView(Frame page, String status, String problem, List<Figure> figures, List<Input> inputs) {
    public record Figure(String name, String value) {
    }

    public record Input(String name, String followed, String records, String events, String rejected, String lag,
                        String lastError, String lastCommitted) {
    }

    static HealthView of(Frame page, Map<String, Object> health) {
        List<Figure> figures = new ArrayList<>();
        List<Input> inputs = new ArrayList<>();
        health.forEach((k, v) -> {
            if (v instanceof List<?> list && k.equals("inputs")) {
                for (Object o : list) {
                    if (o instanceof InputHealth h) {
                        inputs.add(new Input(h.input(), Fmt.count(h.followed()), Fmt.count(h.records()),
                                Fmt.count(h.events()), Fmt.count(h.rejected()), Fmt.count(h.lag()) + " " + h.lagUnit(),
                                h.lastError() == null ? "" : Fmt.visible(h.lastError()) + " (" + Fmt.time(h.lastErrorAt()) + ")",
                                Fmt.time(h.lastCommitted())));
                    }
                }
            } else if (!k.equals("status") && !k.equals("problem")) {
                figures.add(new Figure(k.replace('_', ' '), v instanceof Number n ? Fmt.count(n.longValue())
                        : String.valueOf(v)));
            }
        });
        return new HealthView(page, String.valueOf(health.get("status")),
                health.get("problem") == null ? null : Fmt.visible(String.valueOf(health.get("problem"))), figures, inputs);
    }
}
