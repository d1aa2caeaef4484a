package dev.cloudwarden.engine.ingest.web;

import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.parse.LineFormat;
import dev.cloudwarden.engine.ingest.parse.LineParser;
import dev.cloudwarden.engine.ingest.parse.ParseContext;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;

import java.util.List;

/** Web access logs: Apache / nginx Common and Combined Log Format, and AWS ALB access logs. */
public final class WebFormat implements LineFormat {
    /** SigmaHQ's web rules name the server too; these logs are the formats Apache and nginx write. */
    private static final List<LogSource> ALIASES = List.of(new LogSource("apache", null, "webserver"),
            new LogSource("nginx", null, "webserver"));

    @Override
    public SourceType source() {
        return SourceType.WEB_ACCESS;
    }

    @Override
    public boolean recognizes(String line) {
        try {
            List<Tokens.Token> t = Tokens.split(line);
            if (AlbLogLine.hasShape(t)) {
                return true;
            }
            if (!CommonLogLine.hasShape(t)) {
                return false;
            }
            AccessLogTime.parse(t.get(3).text());
            return true;
        } catch (RecordRejectedException e) {
            return false;
        }
    }

    @Override
    public LineParser open(ParseContext context) {
        return new WebParser();
    }

    @Override
    public List<LogSource> aliases() {
        return ALIASES;
    }
}
