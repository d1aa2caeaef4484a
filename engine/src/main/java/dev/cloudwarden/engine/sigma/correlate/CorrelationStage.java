package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.detect.RuleMatches;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.state.KeyedProcessor;

import java.util.List;
import java.util.function.Consumer;

/**
 * A rule set's correlations as keyed operators and the routing between them, for any runner: the local one
 * ({@link CorrelationEngine}) and a distributed one (the Flink job), so both route, window and chain with the same
 * code.
 *
 * <p><b>Levels.</b> A correlation that references only detection rules is on level 0; one that chains on
 * correlations is one level above the highest of them. A distributed runner gives each level an operator of its
 * own, keyed by {@link GroupKey}, and sends each level's hits on to the levels above: the hits leave before the
 * watermark that released them, so a level above never sees them late (see {@link WindowProcessor}). The local
 * runner needs no levels: it feeds hits straight back into its one state.
 */
public final class CorrelationStage {
    private final CorrelationPlan plan;
    private final int[] levels;
    private final int levelCount;

    /** A match routed to a group of a correlation on {@code level}. */
    public record Input(int level, GroupKey key, MatchInput match) {
    }

    private CorrelationStage(CorrelationPlan plan) {
        this.plan = plan;
        this.levels = new int[plan.correlations.size()];
        // references only ever point at correlations kept before (CorrelationPlan peels off cycles), but not always
        // at earlier indexes: repeat until no level grows
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int inner = 0; inner < levels.length; inner++) {
                for (Subscription s : plan.byCorrelation.get(inner)) {
                    if (levels[s.correlation()] < levels[inner] + 1) {
                        levels[s.correlation()] = levels[inner] + 1;
                        grew = true;
                    }
                }
            }
        }
        int max = -1;
        for (int l : levels) {
            max = Math.max(max, l);
        }
        this.levelCount = max + 1;
    }

    public static CorrelationStage of(RuleSet rules) {
        return new CorrelationStage(CorrelationPlan.of(rules));
    }

    /** Whether the rule set has any correlation that can run. */
    public boolean isEmpty() {
        return plan.correlations.isEmpty();
    }

    /** Operator levels: 0 without correlations, 1 when none chains on another. */
    public int levelCount() {
        return levelCount;
    }

    /** A new operator instance (one per runner or parallel task; it keeps nothing per key outside the state). */
    public KeyedProcessor<GroupKey, MatchInput, CorrelationHit> newProcessor() {
        return new WindowProcessor(plan.correlations);
    }

    /**
     * The event's matches of rules a correlation listens to, routed to their groups ({@link Subscription#route}: an
     * event lacking a group-by field joins none).
     */
    public void route(Event event, RuleMatches matches, Consumer<Input> out) {
        for (String ruleKey : matches.keys()) {
            List<Subscription> subs = plan.byRule.get(ruleKey);
            if (subs != null) {
                for (Subscription s : subs) {
                    emit(s, s.route(event.time(), List.of(event)), out);
                }
            }
        }
    }

    /** How many of the event's matched rules some correlation listens to (what a late event costs them). */
    public int listenedMatches(RuleMatches matches) {
        int n = 0;
        for (String ruleKey : matches.keys()) {
            if (plan.byRule.containsKey(ruleKey)) {
                n++;
            }
        }
        return n;
    }

    /** The hit's alert, or null when its correlation only feeds others ({@code generate} left it internal). */
    public Alert emitted(CorrelationHit hit) {
        return plan.silencedCorrelations[hit.correlation()] ? null : hit.alert();
    }

    /** The hit routed to the correlations chained on it, all on higher levels. */
    public void chain(CorrelationHit hit, Consumer<Input> out) {
        for (Subscription s : plan.byCorrelation.get(hit.correlation())) {
            emit(s, s.route(hit.alert().time(), hit.alert().events()), out);
        }
    }

    /** Correlations that cannot run (reference cycles), with the reason. */
    List<String> problems() {
        return plan.problems;
    }

    private void emit(Subscription s, Subscription.Routed routed, Consumer<Input> out) {
        if (routed != null) {
            out.accept(new Input(levels[s.correlation()], routed.key(), routed.input()));
        }
    }
}
