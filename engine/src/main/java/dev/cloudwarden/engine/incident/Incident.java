package dev.cloudwarden.engine.incident;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Digests;
import dev.cloudwarden.engine.alert.Level;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Alerts that share entities within a window, seen as one attack.
 *
 * <p><b>Order.</b> {@link #alerts()} follow the kill chain: by stage (the alert's earliest ATT&CK tactic, see
 * {@link Tactic#ofAlertTags}), then by time, then by alert id; alerts without a stage come last, by time.
 *
 * <p><b>Severity</b> is the highest alert level, raised one step when the alerts cover two or more
 * kill-chain stages and two steps from four stages on (never above critical): a chain of medium alerts from
 * entry to impact is worse than any one of them.
 *
 * <p><b>Score</b>, 0-100, to rank a queue:
 * {@code min(100, base(max level) + 5 * min(stages - 1, 4) + 2 * min(rules - 1, 5) + (malware family known ? 10 : 0))}
 * with base informational 5, low 15, medium 35, high 55, critical 75; {@code stages} counts the distinct
 * stages present (at least 1) and {@code rules} the distinct rules that fired.
 *
 * <p><b>Id</b>: {@link #idOf} of the incident's earliest alert (time, then alert id), so a rescan of the same
 * input yields the same incident ids.
 *
 * @param entities   every entity of the alerts (including those that do not link), sorted
 * @param techniques ATT&CK technique ids from the alerts' tags ({@code T1110.003}), sorted
 * @param tactics    the kill-chain stages present, in kill-chain order
 */
public record Incident(String id, Instant first, Instant last, List<Alert> alerts, List<Entity> entities,
                       List<String> techniques, List<Tactic> tactics, Level severity, int score,
                       Classification classification) {
    /** Kill-chain order; see the class documentation. */
    public static final Comparator<Alert> KILL_CHAIN_ORDER = Comparator
            .comparingInt((Alert a) -> Tactic.ofAlertTags(a.tags()).map(Enum::ordinal).orElse(Integer.MAX_VALUE))
            .thenComparing(Alert::time)
            .thenComparing(Alert::id);

    public Incident {
        Objects.requireNonNull(id, "id");
        alerts = List.copyOf(alerts);
        entities = List.copyOf(entities);
        techniques = List.copyOf(techniques);
        tactics = List.copyOf(tactics);
    }

    /** The incident of {@code alerts} (any order, at least one) with the given entities, its id from its earliest alert. */
    public static Incident of(Collection<Alert> alerts, Collection<Entity> entities) {
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("an incident needs at least one alert");
        }
        Alert earliest = alerts.stream().min(Comparator.comparing(Alert::time).thenComparing(Alert::id)).get();
        return of(idOf(earliest.id()), alerts, entities);
    }

    /** The incident of {@code alerts} (any order, at least one) with the given id and entities. */
    public static Incident of(String id, Collection<Alert> alerts, Collection<Entity> entities) {
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("an incident needs at least one alert");
        }
        List<Alert> ordered = new ArrayList<>(alerts);
        Instant first = ordered.stream().map(Alert::time).min(Comparator.naturalOrder()).get();
        Instant last = ordered.stream().map(Alert::time).max(Comparator.naturalOrder()).get();
        ordered.sort(KILL_CHAIN_ORDER);

        List<String> tags = new ArrayList<>();
        Set<Tactic> tactics = EnumSet.noneOf(Tactic.class);
        Set<String> rules = new TreeSet<>();
        Level max = Level.INFORMATIONAL;
        for (Alert a : ordered) {
            tags.addAll(a.tags());
            Tactic.ofAlertTags(a.tags()).ifPresent(tactics::add);
            rules.add(a.ruleId());
            if (a.level() != null && a.level().compareTo(max) > 0) {
                max = a.level();
            }
        }
        Classification classification = Classification.of(tags);
        return new Incident(id, first, last, ordered, List.copyOf(new TreeSet<>(entities)),
                List.copyOf(Classification.techniques(tags)), List.copyOf(tactics), severity(max, tactics.size()),
                score(max, tactics.size(), rules.size(), !classification.malware().isEmpty()), classification);
    }

    /** The id of an incident whose earliest alert has id {@code alertId}: 128 bits of SHA-256, in hex. */
    public static String idOf(String alertId) {
        byte[] d = Digests.sha256(("incident\0" + alertId).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d, 0, 16);
    }

    /** The highest level, raised for chains; see the class documentation. */
    public static Level severity(Level max, int stages) {
        int raise = stages >= 4 ? 2 : stages >= 2 ? 1 : 0;
        Level[] levels = Level.values();
        return levels[Math.min(levels.length - 1, max.ordinal() + raise)];
    }

    /** The score; see the class documentation. */
    public static int score(Level max, int stages, int rules, boolean malwareKnown) {
        int base = switch (max) {
            case INFORMATIONAL -> 5;
            case LOW -> 15;
            case MEDIUM -> 35;
            case HIGH -> 55;
            case CRITICAL -> 75;
        };
        int s = base + 5 * Math.min(Math.max(stages, 1) - 1, 4) + 2 * Math.min(Math.max(rules, 1) - 1, 5)
                + (malwareKnown ? 10 : 0);
        return Math.min(100, s);
    }

    public int size() {
        return alerts.size();
    }
}
