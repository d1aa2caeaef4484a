package dev.cloudwarden.engine.posture.map;

import dev.cloudwarden.engine.posture.model.Glob;
import dev.cloudwarden.engine.posture.model.Layer;
import dev.cloudwarden.engine.posture.model.Owner;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One thing the customer must get right in one service model, with the posture checks that verify it and the
 * detections that watch it, matched by globs ({@code *} is any run of characters): check ids, and rule names or
 * {@code tag:<tag>} for rules by tag.
 */
public record Control(String id, Layer layer, Owner owner, String title, List<Pattern> checks, List<Pattern> ruleNames,
                      List<Pattern> ruleTags) {
    private static final String TAG = "tag:";

    public Control {
        checks = List.copyOf(checks);
        ruleNames = List.copyOf(ruleNames);
        ruleTags = List.copyOf(ruleTags);
    }

    /** A control from its globs, compiled once: check ids, and rule names or {@code tag:<tag>}. */
    public static Control of(String id, Layer layer, Owner owner, String title, List<String> checkGlobs, List<String> ruleGlobs) {
        return new Control(id, layer, owner, title, checkGlobs.stream().map(Glob::compile).toList(),
                ruleGlobs.stream().filter(g -> !g.startsWith(TAG)).map(Glob::compile).toList(),
                ruleGlobs.stream().filter(g -> g.startsWith(TAG)).map(g -> Glob.compile(g.substring(TAG.length()))).toList());
    }

    public boolean coversCheck(String checkId) {
        return checks.stream().anyMatch(p -> p.matcher(checkId).matches());
    }

    public boolean coversRule(DetectionRule rule) {
        return rule.name() != null && ruleNames.stream().anyMatch(p -> p.matcher(rule.name()).matches())
                || ruleTags.stream().anyMatch(p -> rule.tags().stream().anyMatch(t -> p.matcher(t).matches()));
    }
}
