package dev.cloudwarden.engine.posture.scan;

import dev.cloudwarden.engine.posture.check.Check;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Glob;
import dev.cloudwarden.engine.posture.model.InlineSkip;
import dev.cloudwarden.engine.posture.model.Location;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Accepted failures. A suppressions file is a YAML list:
 * <pre>
 * - check: CW_AWS_S3_PUBLIC_ACL      # the check's id or an equivalent (CKV_AWS_20)
 *   resource: aws_s3_bucket.website  # the resource id; * matches any run of characters
 *   reason: a public static website, reviewed by the web team
 *   expires: 2027-03-31              # the last day it holds
 * </pre>
 * Every entry needs all four: a suppression without a reason or an end is how dead spots are made. An expired entry
 * no longer suppresses (and {@link #expired} lists it). Inline skips apply unless turned off.
 */
public final class Suppressions {
    public record Entry(String check, Pattern resource, String reason, LocalDate expires, Location definedAt) {
    }

    private final List<Entry> entries;
    private final boolean inlineSkips;
    private final LocalDate today;

    public Suppressions(List<Entry> entries, boolean inlineSkips, LocalDate today) {
        this.entries = List.copyOf(entries);
        this.inlineSkips = inlineSkips;
        this.today = today;
    }

    public static Suppressions none(boolean inlineSkips) {
        return new Suppressions(List.of(), inlineSkips, LocalDate.MIN);
    }

    /** Parses a suppressions file; a bad entry is an error naming its line (the whole file is refused: fix it). */
    public static List<Entry> parse(String file, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setSchema(new FailsafeSchema())
                .setMaxAliasesForCollections(10).setUseMarks(true).build();
        Object root;
        try {
            root = new Load(settings).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(file + ": not YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof List<?> items)) {
            throw new IllegalArgumentException(file + ": expected a list of suppressions");
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String where = file + " entry " + (i + 1);
            if (!(items.get(i) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(where + ": expected a mapping with check, resource, reason, expires");
            }
            for (Object k : m.keySet()) {
                if (!List.of("check", "resource", "reason", "expires").contains(String.valueOf(k))) {
                    throw new IllegalArgumentException(where + ": unknown key '" + k + "'");
                }
            }
            String check = text(m, "check", where);
            String resource = text(m, "resource", where);
            String reason = text(m, "reason", where);
            LocalDate expires;
            try {
                expires = LocalDate.parse(text(m, "expires", where));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(where + ": expires must be a date like 2027-03-31");
            }
            out.add(new Entry(check, Glob.compile(resource), reason, expires, Location.of(file, 0)));
        }
        return out;
    }

    /** Why {@code check}'s failure on {@code resource} is accepted, or null. */
    public Suppression find(Check check, ConfigResource resource) {
        for (Entry e : entries) {
            if (!e.expires().isBefore(today) && check.answersTo(e.check()) && e.resource().matcher(resource.id()).matches()) {
                return new Suppression(Suppression.Source.FILE, e.reason(), e.expires(), e.definedAt());
            }
        }
        if (inlineSkips) {
            for (InlineSkip skip : resource.skips()) {
                if (check.answersTo(skip.checkId())) {
                    return new Suppression(Suppression.Source.INLINE, skip.reason(), null, resource.location());
                }
            }
        }
        return null;
    }

    /** Entries past their expiry: they suppress nothing any more and should be renewed or removed. */
    public List<Entry> expired() {
        return entries.stream().filter(e -> e.expires().isBefore(today)).toList();
    }

    private static String text(Map<?, ?> m, String key, String where) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is required");
        }
        return String.valueOf(v).trim();
    }
}
