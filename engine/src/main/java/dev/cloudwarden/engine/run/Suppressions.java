package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.sigma.eval.ReferenceEvaluator;
import dev.cloudwarden.engine.sigma.eval.RuleSemanticException;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.model.SigmaFilter;
import dev.cloudwarden.engine.sigma.model.SourceLocation;
import dev.cloudwarden.engine.sigma.parse.RuleParser;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's suppressions, read from a file of Sigma filters (one YAML document each) that carry two attributes of
 * their own: {@code reason} (required: a silenced alert must say why) and {@code expires} (a date or an
 * ISO-8601 time; past it the suppression is ignored and reported as expired).
 * <pre>
 * title: CI deploys assume the deployer role every night
 * reason: nightly deployment pipeline (ticket SEC-142)
 * expires: 2027-06-30
 * filter:
 *   rules: [ 9a5e6a0b-... ]
 *   selection:
 *     userIdentity.arn|endswith: ':assumed-role/ci-deployer'
 *   condition: selection
 * </pre>
 * Problems name the file and line; a file with problems is refused whole (a half-loaded suppression file would
 * silence less, or more, than its author meant).
 */
public final class Suppressions {
    public static final Suppressions NONE = new Suppressions(List.of(), List.of());

    private final List<Suppression> active;
    private final List<Suppression> expired;

    private Suppressions(List<Suppression> active, List<Suppression> expired) {
        this.active = List.copyOf(active);
        this.expired = List.copyOf(expired);
    }

    /** Thrown when a suppression file has problems; each names file:line and the reason. */
    public static final class InvalidSuppressionsException extends Exception {
        private final List<String> problems;

        InvalidSuppressionsException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** Reads a suppression file's text; those expired at {@code now} are kept apart ({@link #expired()}). */
    public static Suppressions parse(String file, String text, Instant now) throws InvalidSuppressionsException {
        List<String> problems = new ArrayList<>();
        RuleParser.Result parsed = new RuleParser().parse(file, text);
        parsed.errors().forEach(e -> problems.add(e.toString()));
        parsed.rules().forEach(r -> problems.add(r.source() + ": a rule, not a suppression (a Sigma filter with reason:)"));
        parsed.correlations().forEach(c -> problems.add(c.source() + ": a correlation, not a suppression"));
        List<Map<?, ?>> attributes = attributes(file, text, problems);
        List<Suppression> active = new ArrayList<>();
        List<Suppression> expired = new ArrayList<>();
        List<SigmaFilter> filters = parsed.filters();
        for (int i = 0; i < filters.size() && problems.isEmpty(); i++) {
            SigmaFilter f = filters.get(i);
            Map<?, ?> attrs = i < attributes.size() ? attributes.get(i) : Map.of();
            Suppression s = suppression(f, attrs, problems);
            if (s != null) {
                (s.activeAt(now) ? active : expired).add(s);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSuppressionsException(problems);
        }
        return new Suppressions(active, expired);
    }

    private static Suppression suppression(SigmaFilter f, Map<?, ?> attrs, List<String> problems) {
        SourceLocation at = f.source();
        Object reason = attrs.get("reason");
        if (!(reason instanceof String r) || r.isBlank()) {
            problems.add(at + ": a suppression needs a reason: (why the match is benign)");
            return null;
        }
        Instant expires = null;
        Object exp = attrs.get("expires");
        if (exp != null) {
            expires = expiry(exp.toString());
            if (expires == null) {
                problems.add(at + ": expires: must be a date (2027-06-30) or an ISO-8601 time, got '" + exp + "'");
                return null;
            }
        }
        try {
            return new Suppression(f.title(), f.rules(), ReferenceEvaluator.of(f, SigmaConfig.defaults()), r.trim(),
                    expires, at);
        } catch (RuleSemanticException e) {
            problems.add(e.error().toString());
            return null;
        }
    }

    /** The documents as plain maps, for the attributes Sigma's parser does not keep; in document order. */
    private static List<Map<?, ?>> attributes(String file, String text, List<String> problems) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (!problems.isEmpty()) {
            return out;
        }
        try {
            for (Object doc : new Load(LoadSettings.builder().setLabel(file).build()).loadAllFromString(text)) {
                if (doc instanceof Map<?, ?> m) {
                    out.add(m);
                }
            }
        } catch (YamlEngineException e) {
            problems.add(file + ": " + e.getMessage());
        }
        return out;
    }

    private static Instant expiry(String text) {
        try {
            return LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notATime) {
                return null;
            }
        }
    }

    /** The first active suppression that silences {@code alert}, or null. */
    public Suppression silencing(Alert alert) {
        for (Suppression s : active) {
            if (s.silences(alert)) {
                return s;
            }
        }
        return null;
    }

    public List<Suppression> active() {
        return active;
    }

    public List<Suppression> expired() {
        return expired;
    }

    public boolean isEmpty() {
        return active.isEmpty();
    }
}
