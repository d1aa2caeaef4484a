package dev.cloudwarden.engine.sigma.logsource;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.sigma.model.RuleLogSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which events a rule's {@code logsource} selects. Each source provides its own Sigma logsource plus the
 * names SigmaHQ rules use for the same data (Kubernetes audit is also {@code category: application}; sshd
 * lines are also {@code service: auth}, since they come from auth.log). A rule applies to an event when
 * every attribute the rule sets equals the attribute of one of the event's logsources.
 */
public final class LogSourceMapping {
    private static final Map<SourceType, List<LogSource>> ALIASES = new EnumMap<>(SourceType.class);

    static {
        ALIASES.put(SourceType.K8S_AUDIT, List.of(new LogSource("kubernetes", "audit", "application")));
        ALIASES.put(SourceType.SSHD, List.of(new LogSource("linux", "auth", null), new LogSource("linux", "syslog", null)));
        ALIASES.put(SourceType.WEB_ACCESS, List.of(new LogSource("apache", null, "webserver"),
                new LogSource("nginx", null, "webserver")));
    }

    private LogSourceMapping() {
    }

    /** The logsources an event answers to. */
    public static List<LogSource> of(Event event) {
        List<LogSource> out = new ArrayList<>(3);
        out.add(event.logSource());
        out.addAll(ALIASES.getOrDefault(event.source(), List.of()));
        return out;
    }

    public static boolean applies(RuleLogSource rule, Event event) {
        for (LogSource ls : of(event)) {
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
     * The typed sources that can feed a rule (generic JSON can feed anything given {@code --logsource}, so it
     * is not listed). Empty means no parser of ours produces such events: {@code rules validate} says so.
     */
    public static Set<SourceType> sourcesFor(RuleLogSource rule) {
        Set<SourceType> out = new TreeSet<>();
        for (SourceType source : SourceType.values()) {
            if (source == SourceType.GENERIC_JSON) {
                continue;
            }
            List<LogSource> provided = new ArrayList<>();
            provided.add(LogSource.of(source));
            provided.addAll(ALIASES.getOrDefault(source, List.of()));
            if (source == SourceType.SSHD) {
                provided.add(new LogSource("linux", "sudo", null));
                provided.add(new LogSource("linux", "cron", null));
            }
            if (provided.stream().filter(Objects::nonNull).anyMatch(ls -> matches(rule, ls))) {
                out.add(source);
            }
        }
        return out;
    }
}
