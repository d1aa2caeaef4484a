package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.state.ImmutableState;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.AlertBatch;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.state.KeyedProcessor;
import dev.cloudwarden.engine.state.KeyedState;
import dev.cloudwarden.engine.state.ValueState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The grouping operator, keyed by rule and group key ({@link #keyOf}): the first match of a key opens a group for
 * the rule's period; later matches within it add to its count, times and sample; the group leaves as one alert
 * (the first match's, so its id is the id {@code --no-dedup} gives that match) when the watermark passes the
 * period's end, or when a match after the period opens the next group. Only the open group is kept per key, with
 * the matches still waiting for the watermark.
 *
 * <p>Matches are placed when the watermark passes their time, in (time, alert id) order, not as they arrive: which
 * match opens a group names it, so input out of order within the run's lateness (partitions of a Kafka topic read
 * in parallel, files merged by time) groups exactly as sorted input does, with the same ids. A match that comes
 * after the watermark passed its time is placed at once. Opening a group also says so ({@link Update#closed()}
 * false, the first match with a count of 1), for sinks that show alerts while their group is still counting (the
 * service's store); the closing update has the same id.
 */
public final class AlertGrouper implements KeyedProcessor<String, Alert, AlertGrouper.Update> {
    static final String OPEN = "alert-group";
    static final String PENDING = "alert-group-pending";

    private final GroupingPlan plan;
    private final int sampleSize;

    /** One key's open group. */
    record Group(Alert first, String groupKey, long count, long firstSeen, long lastSeen, long closesAt,
                 List<Event> sample) implements ImmutableState {
        Group plus(Alert a, int sampleSize) {
            long t = a.time().toEpochMilli();
            List<Event> s = sample;
            if (s.size() < sampleSize) {
                s = new ArrayList<>(sample);
                s.add(a.event());
                s = List.copyOf(s);
            }
            return new Group(first, groupKey, count + 1, Math.min(firstSeen, t), Math.max(lastSeen, t), closesAt, s);
        }

        Alert toAlert() {
            return first.grouped(new Alert.Occurrences(count, Instant.ofEpochMilli(firstSeen),
                    Instant.ofEpochMilli(lastSeen), groupKey), sample);
        }
    }

    /** A group opened (its first match) or closed (the grouped alert, same id). */
    public record Update(Alert alert, boolean closed) {
    }

    AlertGrouper(GroupingPlan plan, int sampleSize) {
        this.plan = plan;
        this.sampleSize = sampleSize;
    }

    /** The operator's key: the rule and the group key, so one rule's groups never meet another's. */
    public String keyOf(Alert a) {
        return a.ruleId() + '\u001e' + GroupKeys.of(a, plan.by(a.ruleId()));
    }

    @Override
    public void processElement(Alert alert, KeyedState<String> state, Consumer<Update> out) {
        if (!AlertBatch.park(alert, state, PENDING)) {
            place(alert, state, out);
        }
    }

    @Override
    public void onTimer(long time, KeyedState<String> state, Consumer<Update> out) {
        for (Alert a : AlertBatch.takeDue(time, state, PENDING)) {
            place(a, state, out);
        }
        ValueState<Group> open = state.valueState(OPEN, Group.class);
        Group g = open.value();
        if (g != null && g.closesAt() == time) {
            out.accept(new Update(g.toAlert(), true));
            open.clear();
        }
    }

    /** One match: into the open group while its period lasts, else it closes that group and opens the next. */
    private void place(Alert alert, KeyedState<String> state, Consumer<Update> out) {
        ValueState<Group> open = state.valueState(OPEN, Group.class);
        Group g = open.value();
        long t = alert.time().toEpochMilli();
        if (g != null && t < g.closesAt()) {
            open.update(g.plus(alert, sampleSize));
            return;
        }
        if (g != null) {
            out.accept(new Update(g.toAlert(), true));
        }
        long closesAt = saturatedAdd(t, plan.periodMillis(alert.ruleId()));
        String key = state.currentKey();
        Group opened = new Group(alert, key.substring(key.indexOf('\u001e') + 1), 1, t, t, closesAt, alert.events());
        open.update(opened);
        state.timers().registerEventTimeTimer(closesAt);
        out.accept(new Update(opened.toAlert(), false));
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
