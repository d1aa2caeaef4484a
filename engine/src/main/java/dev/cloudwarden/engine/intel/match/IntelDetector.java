package dev.cloudwarden.engine.intel.match;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.AlertIds;
import dev.cloudwarden.engine.alert.Observable;
import dev.cloudwarden.engine.detect.EventDetector;
import dev.cloudwarden.engine.detect.RuleMatches;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.alert.Level;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Turns intel matches into alerts that join incidents like any other, and counts sightings.
 *
 * <p>One alert per event and matched value ({@link IntelMatch}), whatever number of feeds list it:
 * <ul>
 *   <li>rule id {@code cloudwarden.intel.<type>} ({@code cloudwarden.intel.domain}, {@code cloudwarden.intel.address});
 *       the alert id is derived from it, the value and the event's record, so a re-scan gives the same ids;</li>
 *   <li>title {@code Threat intel: domain eu.pool.example listed by <sources>} (the value as seen; control characters
 *       replaced and long values cut, as they come from logs and feeds);</li>
 *   <li>level: the highest of the indicators' ({@link IntelLevels});</li>
 *   <li>tags: the indicators' labels that are ATT&CK techniques ({@code attack.t1496}) or catalog ids
 *       ({@code cloudwarden.a3}), so that incidents classify them; other labels (malware names, free text) stay on the
 *       indicators.</li>
 * </ul>
 * The alert's one event is the matched event, so its entities (addresses, hosts, principal) link it into the
 * incident of the activity around it. Not thread-safe (the sightings); one per pipeline, over a shared index.
 */
public final class IntelDetector implements EventDetector {
    public static final String RULE_PREFIX = "cloudwarden.intel.";
    private static final Pattern TAG = Pattern.compile("attack\\.t\\d{4}(\\.\\d{3})?|cloudwarden\\.[tam][1-6]");
    private static final int MAX_TITLE_VALUE = 120;

    private final IntelMatcher matcher;
    private final Sightings sightings;

    public IntelDetector(IntelIndex index) {
        this(index, new Sightings());
    }

    private IntelDetector(IntelIndex index, Sightings sightings) {
        this.matcher = new IntelMatcher(index);
        this.sightings = sightings;
    }

    @Override
    public String name() {
        return "intel";
    }

    /** Each event is judged alone; the sightings are counted in order-free sums, minima and maxima. */
    @Override
    public boolean isStateless() {
        return true;
    }

    /** A detector for another thread: the same index and the same (thread-safe) sightings. */
    @Override
    public IntelDetector fork() {
        return new IntelDetector(matcher.index(), sightings);
    }

    @Override
    public void process(Event event, RuleMatches matches, Consumer<Alert> out) {
        process(event, out);
    }

    public IntelIndex index() {
        return matcher.index();
    }

    public Sightings sightings() {
        return sightings;
    }

    public void process(Event event, Consumer<Alert> out) {
        List<IntelMatch> matches = matcher.matches(event);
        if (matches.isEmpty()) {
            return;
        }
        Set<String> counted = new HashSet<>();
        for (IntelMatch m : matches) {
            out.accept(alert(event, m));
            for (Indicator i : m.indicators()) {
                if (counted.add(i.id())) {
                    sightings.record(i.id(), event.time());
                }
            }
        }
    }

    /** The alert for one match on {@code event}. */
    public static Alert alert(Event event, IntelMatch m) {
        String ruleId = RULE_PREFIX + m.type().id();
        Level level = Level.INFORMATIONAL;
        Set<String> tags = new TreeSet<>();
        Set<String> sources = new LinkedHashSet<>();
        for (Indicator i : m.indicators()) {
            Level l = IntelLevels.of(i);
            if (l.compareTo(level) > 0) {
                level = l;
            }
            for (String label : i.labels()) {
                String tag = label.toLowerCase(java.util.Locale.ROOT);
                if (TAG.matcher(tag).matches()) {
                    tags.add(tag);
                }
            }
            sources.add(i.source());
        }
        String title = "Threat intel: " + m.type().id() + " " + printable(m.observed()) + " listed by "
                + printable(String.join(", ", sources));
        String id = AlertIds.of(ruleId + "\n" + m.observed(), List.of(event.raw()));
        return new Alert(id, ruleId, title, level, event.time(), List.copyOf(tags), List.of(event),
                List.of(new Observable(m.type().id(), m.observed(), Observable.MATCHED)), null);
    }

    /** Control characters replaced, and cut to a readable length. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_TITLE_VALUE + 3));
        for (int i = 0; i < s.length() && b.length() < MAX_TITLE_VALUE; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
        }
        if (s.length() > MAX_TITLE_VALUE) {
            b.append("...");
        }
        return b.toString();
    }
}
