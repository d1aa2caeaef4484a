package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.event.Event;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Matches of one group that share an event time and wait for the watermark to pass it (state value). They
 * are processed in a fixed order, whatever order they arrived in: by the position of their rule in the
 * correlation (so same-millisecond matches count as in order for temporal_ordered), then by event text.
 */
public record PendingBatch(List<MatchInput> inputs) {
    private static final Comparator<MatchInput> ORDER = Comparator.comparingInt(MatchInput::ruleIndex)
            .thenComparing(PendingBatch::texts, PendingBatch::compareTexts);

    public PendingBatch {
        inputs = List.copyOf(inputs);
    }

    PendingBatch plus(MatchInput in) {
        List<MatchInput> all = new ArrayList<>(inputs);
        all.add(in);
        return new PendingBatch(all);
    }

    List<MatchInput> ordered() {
        if (inputs.size() < 2) {
            return inputs;
        }
        List<MatchInput> sorted = new ArrayList<>(inputs);
        sorted.sort(ORDER);
        return sorted;
    }

    private static List<String> texts(MatchInput in) {
        return in.events().stream().map((Event e) -> e.raw().text()).toList();
    }

    private static int compareTexts(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
