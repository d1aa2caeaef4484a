package dev.cloudwarden.engine.sigma.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.FieldPath;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A correlation's interest in one referenced rule: where in its rule list that rule sits, and which fields
 * to read from that rule's events (group-by fields and the condition's field, aliases already resolved).
 */
record Subscription(int correlation, int ruleIndex, List<FieldPath> groupBy, FieldPath valueField) {

    /** A routed match: the group it belongs to and what it contributes. */
    record Routed(GroupKey key, MatchInput input) {
    }

    /**
     * Routes a match, or returns null when an event lacks a group-by field: such events form no group
     * (as in most SIEM {@code stats ... by}), rather than one huge group of "missing" that would fire falsely.
     */
    Routed route(Instant time, List<Event> events) {
        List<String> values = new ArrayList<>(groupBy.size());
        for (FieldPath p : groupBy) {
            String v = text(events, p);
            if (v == null) {
                return null;
            }
            values.add(v);
        }
        String value = valueField == null ? null : text(events, valueField);
        Double number = valueField == null ? null : number(events, valueField);
        return new Routed(new GroupKey(correlation, values), new MatchInput(ruleIndex, time, value, number, events));
    }

    /** The field as the latest event that has it holds it (for a chained correlation, its events in order). */
    private static String text(List<Event> events, FieldPath path) {
        for (int i = events.size() - 1; i >= 0; i--) {
            String v = events.get(i).raw().text(path);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static Double number(List<Event> events, FieldPath path) {
        for (int i = events.size() - 1; i >= 0; i--) {
            JsonNode n = events.get(i).raw().get(path);
            if (n == null || n.isNull()) {
                continue;
            }
            if (n.isNumber()) {
                return n.doubleValue();
            }
            if (n.isTextual()) {
                String text = n.asText().trim();
                if (text.isEmpty() || "+-.0123456789".indexOf(text.charAt(0)) < 0) {
                    return null; // not a number, and no exception to build for it (user names, hosts, paths...)
                }
                try {
                    // BigDecimal, not Double.parseDouble: that one also takes "NaN", "1d" and hex floats.
                    double d = new BigDecimal(text).doubleValue();
                    return Double.isFinite(d) ? d : null;
                } catch (NumberFormatException notANumber) {
                    return null;
                }
            }
            return null;
        }
        return null;
    }
}
