package dev.cloudwarden.engine.ingest.sshd;

import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.docker.DockerFormat;
import dev.cloudwarden.engine.ingest.parse.LineFormat;
import dev.cloudwarden.engine.ingest.parse.LineParser;
import dev.cloudwarden.engine.ingest.parse.ParseContext;
import dev.cloudwarden.engine.ingest.syslog.SyslogLine;

import java.time.Instant;
import java.util.List;

/**
 * Syslog files that carry sshd's messages: {@code /var/log/auth.log}, {@code /var/log/secure},
 * {@code /var/log/syslog} and {@code journalctl} output. Every line of such a file becomes an event, sshd's
 * as authentications and other programs' as plain log events, because an attacker's session shows up in
 * sudo, cron and systemd-logind lines as much as in sshd's.
 */
public final class SshdFormat implements LineFormat {
    /** Late in a leap year, so any month and day, 29 February included, is a valid date for detection. */
    private static final Instant DETECTION_REFERENCE = Instant.parse("2000-12-31T00:00:00Z");
    /** The file is auth.log or syslog: SigmaHQ's Linux rules select it as {@code service: auth} and {@code syslog}. */
    private static final List<LogSource> ALIASES = List.of(new LogSource("linux", "auth", null),
            new LogSource("linux", "syslog", null));

    @Override
    public SourceType source() {
        return SourceType.SSHD;
    }

    @Override
    public boolean recognizes(String line) {
        if (SyslogLine.isJournalMarker(line)) {
            return true;
        }
        SyslogLine s = SyslogLine.tryParse(line, DETECTION_REFERENCE);
        // A tag is required to claim a file: it is what tells syslog from other "time host text" logs.
        // Files that start with dockerd's lines belong to the Docker format.
        return s != null && s.program() != null && !DockerFormat.isDockerd(s.program());
    }

    @Override
    public LineParser open(ParseContext context) {
        return new SshdParser(context);
    }

    @Override
    public List<LogSource> aliases() {
        return ALIASES;
    }

    /** Other programs' lines (sudo, cron...) answer to their own Sigma services: the ones the parser gives them. */
    @Override
    public List<LogSource> recordLogSources() {
        return SshdParser.RECORD_LOG_SOURCES;
    }
}
