package dev.cloudwarden.engine.ingest.parse;

import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.event.SourceType;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One log source, declared once in its own package ({@code ingest/<source>/}): which {@link SourceType} it
 * produces, how an input of it is recognised, its parser, and the Sigma logsources its events feed. The registry
 * ({@code ingest.Sources}) lists one descriptor per source, in detection order, and nothing else in CloudWarden
 * knows these things about a source.
 *
 * <p>The two kinds differ in what recognises an input: the keys of its first JSON record ({@link JsonFormat}), or
 * its first line of text ({@link LineFormat}).
 */
public sealed interface SourceDescriptor permits JsonFormat, LineFormat {
    /** The source's identity in the event model: its id, default OCSF class and own Sigma logsource. */
    SourceType source();

    /**
     * Other logsources every event of this source answers to: the names SigmaHQ rules also use for the same data
     * (Kubernetes audit is also {@code category: application}).
     */
    default List<LogSource> aliases() {
        return List.of();
    }

    /** Logsources single events carry instead of the source's own (a syslog file's sudo and cron lines); may repeat an alias. */
    default List<LogSource> recordLogSources() {
        return List.of();
    }

    /**
     * Every logsource a rule may select this source's events by: its own, its events' own, and the aliases.
     * This is what {@code rules list} reports as "fed by" and {@code rules validate} checks rules against.
     */
    default List<LogSource> feeds() {
        Set<LogSource> out = new LinkedHashSet<>();
        out.add(source().logSource());
        out.addAll(recordLogSources());
        out.addAll(aliases());
        return List.copyOf(out);
    }
}
