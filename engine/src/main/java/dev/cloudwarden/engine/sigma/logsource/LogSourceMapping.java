package dev.cloudwarden.engine.sigma.logsource;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.Sources;
import dev.cloudwarden.engine.ingest.parse.SourceDescriptor;
import dev.cloudwarden.engine.sigma.model.RuleLogSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which events a rule's {@code logsource} selects. An event answers to its own logsource plus the aliases its
 * source's descriptor declares (the names SigmaHQ rules use for the same data: Kubernetes audit is also
 * {@code category: application}, sshd lines also {@code service: auth}). A rule applies to an event when every
 * attribute the rule sets equals the attribute of one of the event's logsources.
 */
public final class LogSourceMapping {
    private static final List<SourceDescriptor> SOURCES = Sources.standard().all();
    private static final Map<SourceType, List<LogSource>> ALIASES = new EnumMap<>(SourceType.class);
    /** What an event answers to when it carries its source's own logsource, as most do: built once, not per event. */
    private static final Map<SourceType, List<LogSource>> OWN_AND_ALIASES = new EnumMap<>(SourceType.class);

    static {
        for (SourceDescriptor d : SOURCES) {
            ALIASES.put(d.source(), d.aliases());
            OWN_AND_ALIASES.put(d.source(), List.copyOf(withAliases(d.source().logSource(), d.aliases())));
        }
    }

    private LogSourceMapping() {
    }

    /** The logsources an event answers to, its own first. */
    public static List<LogSource> of(Event event) {
        return of(event.source(), event.logSource());
    }

    /** The logsources an event of {@code source} carrying {@code own} answers to, {@code own} first. */
    public static List<LogSource> of(SourceType source, LogSource own) {
        List<LogSource> common = OWN_AND_ALIASES.get(source);
        if (common != null && common.get(0).equals(own)) {
            return common;
        }
        return withAliases(own, ALIASES.getOrDefault(source, List.of()));
    }

    public static boolean applies(RuleLogSource rule, Event event) {
        return applies(rule, event.source(), event.logSource());
    }

    /**
     * Whether a rule selects events of {@code source} carrying the logsource {@code own}: for callers holding those
     * two parts without the event (a hunt over archived events).
     */
    public static boolean applies(RuleLogSource rule, SourceType source, LogSource own) {
        for (LogSource ls : of(source, own)) {
            if (matches(rule, ls)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(RuleLogSource rule, LogSource ls) {
        return (rule.product() == null || rule.product().equals(ls.product()))
                && (rule.service() == null || rule.service().equals(ls.service()))
                && (rule.category() == null || rule.category().equals(ls.category()));
    }

    /**
     * The sources that can feed a rule: those one of whose {@link SourceDescriptor#feeds() logsources} the rule
     * selects. Empty means no parser of ours produces such events: {@code rules validate} says so.
     */
    public static Set<SourceType> sourcesFor(RuleLogSource rule) {
        Set<SourceType> out = EnumSet.noneOf(SourceType.class);
        for (SourceDescriptor d : SOURCES) {
            if (d.feeds().stream().anyMatch(ls -> matches(rule, ls))) {
                out.add(d.source());
            }
        }
        return out;
    }

    private static List<LogSource> withAliases(LogSource own, List<LogSource> aliases) {
        List<LogSource> out = new ArrayList<>(1 + aliases.size());
        out.add(own);
        out.addAll(aliases);
        return out;
    }
}
