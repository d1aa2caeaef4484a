package dev.cloudwarden.engine.sigma.load;

import dev.cloudwarden.engine.sigma.model.CorrelationRule;
import dev.cloudwarden.engine.sigma.model.SigmaRule;
import dev.cloudwarden.engine.sigma.model.SourceLocation;
import dev.cloudwarden.engine.sigma.parse.RuleError;
import dev.cloudwarden.engine.sigma.parse.RuleErrorCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which parsed rules keep their id. Detection and correlation rules share one id space, as in Sigma. A
 * user's rule replaces the built-in rule with its id, whatever the file order; a rule whose id is already
 * taken on its own side (the user's files, or the built-in pack) is a duplicate and an error.
 */
final class RuleIds {
    private final Set<String> builtInFiles;
    /** The first user rule of each id: a built-in rule with that id gives way to it. */
    private final Map<String, SourceLocation> userRules = new HashMap<>();
    private final Map<String, SourceLocation> seenBuiltIn = new HashMap<>();
    private final Map<String, SourceLocation> seenUser = new HashMap<>();
    private final List<Replacement> replacements = new ArrayList<>();
    private final Map<String, String> replacedNames = new HashMap<>();
    private final List<RuleError> errors = new ArrayList<>();

    RuleIds(Set<String> builtInFiles, List<SigmaRule> rules, List<CorrelationRule> correlations) {
        this.builtInFiles = Set.copyOf(builtInFiles);
        for (SigmaRule r : rules) {
            if (!builtIn(r.source())) {
                userRules.putIfAbsent(key(r), r.source());
            }
        }
        for (CorrelationRule c : correlations) {
            if (!builtIn(c.source())) {
                userRules.putIfAbsent(key(c), c.source());
            }
        }
    }

    /** A rule's id, or {@code file#title} when it has none (such a key is never shared between files). */
    static String key(SigmaRule r) {
        return key(r.id(), r.title(), r.source());
    }

    static String key(CorrelationRule c) {
        return key(c.id(), c.title(), c.source());
    }

    private static String key(String id, String title, SourceLocation source) {
        return id != null ? id : source.file() + "#" + title;
    }

    boolean builtIn(SourceLocation source) {
        return builtInFiles.contains(source.file());
    }

    /**
     * Whether the rule loads. When a user's rule replaces it, its name becomes one more name of the user's rule,
     * so filters and correlations that name it follow the user's version.
     */
    boolean admit(SigmaRule r) {
        boolean admitted = admit(key(r), r.title(), r.source());
        if (!admitted && r.name() != null && builtIn(r.source()) && userRules.containsKey(key(r))) {
            replacedNames.putIfAbsent(r.name(), key(r));
        }
        return admitted;
    }

    /**
     * Whether the correlation loads. A replaced correlation's name is not carried over: a chain naming it finds
     * the user's version only under that name, and an unknown name is reported.
     */
    boolean admit(CorrelationRule c) {
        return admit(key(c), c.title(), c.source());
    }

    private boolean admit(String key, String title, SourceLocation source) {
        boolean builtIn = builtIn(source);
        SourceLocation first = (builtIn ? seenBuiltIn : seenUser).putIfAbsent(key, source);
        if (first != null) {
            errors.add(new RuleError(RuleErrorCode.DUPLICATE_ID, "id '" + key + "' is also used by " + first, "id", source));
            return false;
        }
        SourceLocation user = builtIn ? userRules.get(key) : null;
        if (user != null) {
            replacements.add(new Replacement(key, title, source, user));
            return false;
        }
        return true;
    }

    List<Replacement> replacements() {
        return replacements;
    }

    /** Names of replaced built-in detection rules → the id of the user's rule that answers to them now. */
    Map<String, String> replacedNames() {
        return replacedNames;
    }

    List<RuleError> errors() {
        return errors;
    }
}
