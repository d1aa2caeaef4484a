package dev.cloudwarden.engine.ingest.exim;

import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.parse.LineFormat;
import dev.cloudwarden.engine.ingest.parse.LineParser;
import dev.cloudwarden.engine.ingest.parse.ParseContext;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;

import java.util.List;

/**
 * Exim's mainlog ({@code /var/log/exim4/mainlog}, {@code /var/log/exim/main.log}). A first line is
 * claimed when it has Exim's time prefix and then a message id or one of the messages Exim logs outside
 * a message (daemon start, queue runs, connections, rejections).
 */
public final class EximFormat implements LineFormat {
    private static final List<String> NON_MESSAGE_STARTS = List.of("exim ", "Start queue run", "End queue run",
            "SMTP connection from", "SMTP call from", "SMTP command timeout", "SMTP protocol", "SMTP syntax error",
            "H=", "no host name found", "no MAIL in", "TLS error", "unexpected disconnection", "rejected ",
            "Connection from", "cwd=", "daemon ", "pid ");

    @Override
    public SourceType source() {
        return SourceType.EXIM;
    }

    @Override
    public boolean recognizes(String line) {
        try {
            String text = EximHeader.parse(line).text();
            int space = text.indexOf(' ');
            if (space > 0 && EximHeader.isMessageId(text.substring(0, space))) {
                return true;
            }
            return NON_MESSAGE_STARTS.stream().anyMatch(text::startsWith);
        } catch (RecordRejectedException e) {
            return false;
        }
    }

    @Override
    public LineParser open(ParseContext context) {
        return new EximParser();
    }
}
