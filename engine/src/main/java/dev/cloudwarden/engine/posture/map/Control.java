package dev.cloudwarden.engine.posture.map;

import dev.cloudwarden.engine.posture.model.Layer;
import dev.cloudwarden.engine.posture.model.Owner;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One thing the customer must get right in one service model, with the posture checks that verify it and the
 * detections that watch it, matched by globs ({@code *} is any run of characters): check ids, and rule names or
 * {@code tag:<tag>} for rules by tag.
 */
public record Control(String id, Layer layer, Owner owner, String title, List<String> checkGlobs, List<String> ruleGlobs) {
    public Control {
        checkGlobs = List.copyOf(checkGlobs);
        ruleGlobs = List.copyOf(ruleGlobs);
    }

    public boolean coversCheck(String checkId) {
        return checkGlobs.stream().anyMatch(g -> glob(g).matcher(checkId).matches());
    }

    public boolean coversRule(DetectionRule rule) {
        for (String g : ruleGlobs) {
            if (g.startsWith("tag:")) {
                String tag = g.substring(4);
                if (rule.tags().stream().anyMatch(t -> glob(tag).matcher(t).matches())) {
                    return true;
                }
            } else if (rule.name() != null && glob(g).matcher(rule.name()).matches()) {
                return true;
            }
        }
        return false;
    }

    static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (String part : g.split("\\*", -1)) {
            if (!re.isEmpty()) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }
}
