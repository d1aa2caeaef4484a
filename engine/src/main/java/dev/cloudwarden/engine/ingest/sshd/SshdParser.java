package dev.cloudwarden.engine.ingest.sshd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventBuilder;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.event.OcsfClass;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.docker.DockerFormat;
import dev.cloudwarden.engine.ingest.parse.LineParser;
import dev.cloudwarden.engine.ingest.parse.ParseContext;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;
import dev.cloudwarden.engine.ingest.syslog.SyslogLine;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One syslog file's lines. Raw fields: {@code host}, {@code program}, {@code pid}, {@code message} (kept
 * whole: Sigma's Linux rules search it for keywords), the {@code pam_*} fields of PAM authentication
 * failures, for sshd what {@link SshdCatalogue} recognized ({@code user}, {@code invalid_user}, {@code src_ip},
 * {@code src_port}, {@code src_host}, {@code auth_method}), and for sudo, su and cron what {@link HostPrograms}
 * read. sshd's lines are authentication events; other programs' lines are base events, with the operation, outcome
 * and user that their catalogue found.
 *
 * <p>dockerd's lines in a mixed syslog file are handed to the Docker parser, so its API calls are not lost
 * as plain log lines just because the file started with an sshd line.
 */
final class SshdParser implements LineParser {
    /** OpenSSH 9.8 moved per-connection logging to sshd-session, and 10.0 authentication to sshd-auth. */
    private static final Set<String> SSHD_PROGRAMS = Set.of("sshd", "sshd-session", "sshd-auth");

    /** Programs with a Sigma service of their own; other programs' lines answer to linux/syslog. */
    private static final Map<String, LogSource> LOG_SOURCES = Map.of("sudo", linux("sudo"), "cron", linux("cron"),
            "crond", linux("cron"), "crontab", linux("cron"), "vsftpd", linux("vsftpd"), "clamd", linux("clamav"), "freshclam", linux("clamav"));
    private static final LogSource OTHER_PROGRAMS = linux("syslog");

    /** Every logsource a line of another program than sshd may carry: what the descriptor says the file feeds. */
    static final List<LogSource> RECORD_LOG_SOURCES = Stream.concat(LOG_SOURCES.values().stream(), Stream.of(OTHER_PROGRAMS))
            .distinct().sorted(Comparator.comparing(LogSource::service)).toList();

    private final ParseContext context;
    private LineParser docker;

    SshdParser(ParseContext context) {
        this.context = context;
    }

    @Override
    public Event parse(String line, Origin origin) throws RecordRejectedException {
        if (SyslogLine.isJournalMarker(line)) {
            return null;
        }
        SyslogLine s = SyslogLine.parse(line, context.referenceTime());
        if (s.program() != null && DockerFormat.isDockerd(s.program())) {
            if (docker == null) {
                docker = new DockerFormat().open(context);
            }
            return docker.parse(line, origin);
        }
        ObjectNode raw = Json.NODES.objectNode();
        if (s.host() != null) {
            raw.put("host", s.host());
        }
        if (s.program() != null) {
            raw.put("program", s.program());
        }
        if (s.pid() != null) {
            raw.put("pid", s.pid());
        }
        raw.put("message", s.message());
        PamMessage.extract(s.message(), raw);
        EventBuilder b = Event.builder(SourceType.SSHD, s.time(), RawRecord.ofLine(line, raw)).origin(origin);
        if (s.program() != null && SSHD_PROGRAMS.contains(s.program())) {
            AuthMessage m = SshdCatalogue.classify(s.message());
            sshd(m, raw, b, true);
            b.operation("sshd", m.operation());
        } else {
            b.ocsfClass(OcsfClass.BASE_EVENT);
            b.logSource(logSourceOf(s.program()));
            AuthMessage m = s.program() == null ? null : HostPrograms.classify(s.program(), s.message(), raw);
            if (m == null) {
                b.operation(s.program(), "log");
            } else {
                sshd(m, raw, b, m.invalidUser());
                b.operation(s.program(), m.operation());
            }
        }
        b.dst(new Endpoint(null, null, s.host()));
        return b.build();
    }

    /** The user, client, method and outcome a message names, into the raw record and the event. */
    private static void sshd(AuthMessage m, ObjectNode raw, EventBuilder b, boolean withInvalidUser) {
        if (m.user() != null) {
            raw.put("user", m.user());
            if (withInvalidUser) {
                raw.put("invalid_user", m.invalidUser());
            }
            b.actor(Actor.named(m.user(), null));
        }
        if (m.ip() != null) {
            raw.put("src_ip", m.ip());
        }
        if (m.port() != null) {
            raw.put("src_port", m.port());
        }
        if (m.host() != null) {
            raw.put("src_host", m.host());
        }
        if (m.authMethod() != null) {
            raw.put("auth_method", m.authMethod());
        }
        if (m.ip() != null || m.port() != null || m.host() != null) {
            b.src(new Endpoint(m.ip(), m.port(), m.host()));
        }
        b.outcome(m.outcome());
    }

    private static LogSource logSourceOf(String program) {
        return program == null ? OTHER_PROGRAMS : LOG_SOURCES.getOrDefault(program.toLowerCase(Locale.ROOT), OTHER_PROGRAMS);
    }

    private static LogSource linux(String service) {
        return new LogSource("linux", service, null);
    }
}
