package dev.cloudwarden.engine.sigma.load;

import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.sigma.model.SigmaRule;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Local changes to rules without editing them: a different level for a rule id, with the reason. CloudWarden
 * ships one for community rules whose level does not fit a cloud estate (a single failed sign-in is routine;
 * the pack's correlations alert on brute force).
 * <pre>
 * levels:
 *   6393e346-1977-46ef-8987-ad414a145fad: {level: low, reason: "..."}
 * </pre>
 */
public record RuleTuning(Map<String, LevelChange> levels) {
    public static final RuleTuning NONE = new RuleTuning(Map.of());
    private static final String BUILTIN = "/dev/cloudwarden/tuning.yml";

    public RuleTuning {
        levels = Map.copyOf(levels);
    }

    /** A level change and why it was made. */
    public record LevelChange(Level level, String reason) {
    }

    /** The rule as tuned (the same rule when nothing applies). */
    public SigmaRule apply(String key, SigmaRule rule) {
        LevelChange change = levels.get(key);
        if (change == null) {
            return rule;
        }
        return new SigmaRule(rule.title(), rule.id(), rule.name(), rule.status(), rule.description(), rule.author(),
                rule.date(), rule.modified(), rule.references(), rule.logSource(), rule.identifiers(), rule.conditions(),
                rule.conditionTexts(), change.level(), rule.tags(), rule.fields(), rule.falsePositives(), rule.related(),
                rule.grouping(), rule.source());
    }

    /** The tuning shipped with the built-in packs. */
    public static RuleTuning builtIn() {
        try (InputStream in = RuleTuning.class.getResourceAsStream(BUILTIN)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BUILTIN + " (the build is incomplete)");
            }
            return parse("builtin:tuning.yml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the file and what is wrong
     */
    public static RuleTuning parse(String name, String yaml) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(name).setMaxAliasesForCollections(10).build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage().lines().findFirst().orElse("not YAML"));
        }
        Map<String, LevelChange> levels = new LinkedHashMap<>();
        if (root instanceof Map<?, ?> map && map.get("levels") instanceof Map<?, ?> entries) {
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                if (!(e.getValue() instanceof Map<?, ?> change) || !(change.get("level") instanceof String level)) {
                    throw new IllegalArgumentException(name + ": levels." + e.getKey() + " needs 'level'");
                }
                Level parsed = Level.parse(level).orElseThrow(() ->
                        new IllegalArgumentException(name + ": levels." + e.getKey() + ": unknown level '" + level + "'"));
                levels.put(String.valueOf(e.getKey()), new LevelChange(parsed, String.valueOf(change.get("reason"))));
            }
        } else if (root != null) {
            throw new IllegalArgumentException(name + ": expected a mapping with 'levels'");
        }
        return new RuleTuning(levels);
    }
}
