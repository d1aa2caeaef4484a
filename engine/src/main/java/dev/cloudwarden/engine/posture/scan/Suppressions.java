package dev.cloudwarden.engine.posture.scan;

import dev.cloudwarden.engine.posture.check.Check;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Glob;
import dev.cloudwarden.engine.posture.model.InlineSkip;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.yaml.YamlFile;
import dev.cloudwarden.engine.yaml.YamlProblem;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static final Set<String> KEYS = Set.of("check", "resource", "reason", "expires");

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

    /**
     * Parses a suppressions file; a bad entry is an error naming the file, its line and the reason (the whole file is
     * refused: an accepted failure half-read would hide or show the wrong resources).
     */
    public static List<Entry> parse(String file, String text) {
        try {
            if (text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
                return List.of();
            }
            YamlFile yaml = YamlFile.parse(file, text);
            if (!(yaml.root() instanceof SequenceNode list)) {
                throw yaml.problem(yaml.root(), "expected a list of suppressions (- check: ..., resource: ..., reason: ..., expires: ...)");
            }
            List<Entry> out = new ArrayList<>();
            for (Node item : list.getValue()) {
                Map<String, Node> m = yaml.mapping(item, KEYS);
                String check = yaml.required(m, "check", item).trim();
                String resource = yaml.required(m, "resource", item).trim();
                String reason = yaml.required(m, "reason", item).trim();
                LocalDate expires;
                try {
                    expires = LocalDate.parse(yaml.required(m, "expires", item).trim());
                } catch (DateTimeParseException e) {
                    throw yaml.problem(m.get("expires"), "expires must be a date like 2027-03-31");
                }
                out.add(new Entry(check, Glob.compile(resource), reason, expires, Location.of(file, YamlFile.line(item))));
            }
            return out;
        } catch (YamlProblem e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
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
}
