package dev.cloudwarden.engine.ingest.docker;

import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.parse.LineFormat;
import dev.cloudwarden.engine.ingest.parse.LineParser;
import dev.cloudwarden.engine.ingest.parse.ParseContext;
import dev.cloudwarden.engine.ingest.syslog.SyslogLine;

import java.time.Instant;
import java.util.Set;

/**
 * dockerd's own log, where Docker Engine API requests appear when debug logging is on
 * ({@code "debug": true} in daemon.json): logrus logfmt lines as written to a file or stderr, or the same
 * text inside syslog / journald lines tagged {@code dockerd}. dockerd's JSON log format is not read.
 */
public final class DockerFormat implements LineFormat {
    /** dockerd's syslog tags: upstream, RHEL's docker-current packaging, and moby's early single binary. */
    private static final Set<String> PROGRAMS = Set.of("dockerd", "dockerd-current", "docker");
    private static final Instant DETECTION_REFERENCE = Instant.parse("2000-12-31T00:00:00Z");

    /** True when a syslog tag names the Docker daemon. */
    public static boolean isDockerd(String program) {
        return PROGRAMS.contains(program);
    }

    @Override
    public SourceType source() {
        return SourceType.DOCKER;
    }

    @Override
    public boolean recognizes(String line) {
        if (Logfmt.looksLike(line)) {
            return true;
        }
        SyslogLine s = SyslogLine.tryParse(line, DETECTION_REFERENCE);
        return s != null && s.program() != null && isDockerd(s.program());
    }

    @Override
    public LineParser open(ParseContext context) {
        return new DockerParser(context);
    }
}
