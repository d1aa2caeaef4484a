package dev.cloudwarden.flink.detect;

import dev.cloudwarden.engine.intel.FeedResult;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.feed.ListOptions;
import dev.cloudwarden.engine.intel.feed.ListReader;
import dev.cloudwarden.flink.job.JobSpec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rule and intel files changed while the job runs: the records of a rules topic, keyed by path. A key under
 * {@value #RULES} is a Sigma rule file (its value the YAML), under {@value #INTEL} an indicator list (one per line, as
 * {@code cloudwarden intel import} reads lists); an empty value removes the file. Every matching task holds the same
 * files (broadcast state) and rebuilds its detectors from the job's own files plus these.
 */
public final class RuntimeFiles {
    public static final String RULES = "rules/";
    public static final String INTEL = "intel/";

    /** One record of the rules topic: a file's new text, or null when it was removed. */
    public record Update(String key, String text) {
        public boolean removes() {
            return text == null || text.isEmpty();
        }

        /** Why this key is not understood, or null. */
        public String problem() {
            return key.startsWith(RULES) || key.startsWith(INTEL) ? null
                    : "runtime file '" + key + "' is neither under " + RULES + " nor under " + INTEL + ": ignored";
        }
    }

    private final TreeMap<String, String> files = new TreeMap<>();

    /** Applies an update; returns whether anything changed. */
    public boolean apply(Update u) {
        if (u.problem() != null) {
            return false;
        }
        return u.removes() ? files.remove(u.key()) != null : !u.text().equals(files.put(u.key(), u.text()));
    }

    public Map<String, String> files() {
        return java.util.Collections.unmodifiableMap(files);
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** The rule files, as the spec carries its own. */
    public List<JobSpec.Rules> rules() {
        List<JobSpec.Rules> out = new ArrayList<>();
        files.forEach((k, v) -> {
            if (k.startsWith(RULES)) {
                out.add(new JobSpec.Rules(k, v));
            }
        });
        return out;
    }

    /** The indicators of the intel lists, with the problems each list had. */
    public List<FeedResult> intel() {
        List<FeedResult> out = new ArrayList<>();
        ListReader reader = new ListReader();
        files.forEach((k, v) -> {
            if (k.startsWith(INTEL)) {
                out.add(reader.readLines(k, v.getBytes(StandardCharsets.UTF_8), ListOptions.defaults()));
            }
        });
        return out;
    }

    /** Every indicator of {@link #intel()}. */
    public List<Indicator> indicators() {
        return intel().stream().flatMap(f -> f.indicators().stream()).toList();
    }
}
