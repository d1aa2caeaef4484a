package dev.cloudwarden.engine.ingest.s3access;

import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.parse.LineFormat;
import dev.cloudwarden.engine.ingest.parse.LineParser;
import dev.cloudwarden.engine.ingest.parse.ParseContext;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;
import dev.cloudwarden.engine.ingest.web.AccessLogTime;
import dev.cloudwarden.engine.ingest.web.Tokens;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Amazon S3 server access logs as S3 delivers them to a bucket: space-separated fields, some quoted, starting with the
 * bucket owner's canonical id (64 hex digits), the bucket and the {@code [06/Feb/2019:00:00:38 +0000]} time. The
 * JSON form delivered to CloudWatch Logs is another format, not read here.
 */
public final class S3AccessFormat implements LineFormat {
    /** A canonical user id: 64 hex digits in real logs; shorter made-up ones appear in samples (Panther's are 40). */
    private static final Pattern CANONICAL_ID = Pattern.compile("[0-9a-f]{32,64}");

    @Override
    public SourceType source() {
        return SourceType.S3_ACCESS;
    }

    @Override
    public boolean recognizes(String line) {
        try {
            List<Tokens.Token> t = Tokens.split(line);
            if (!S3AccessLine.hasShape(t) || !CANONICAL_ID.matcher(t.get(0).text()).matches()) {
                return false;
            }
            AccessLogTime.parse(t.get(2).text());
            return true;
        } catch (RecordRejectedException e) {
            return false;
        }
    }

    @Override
    public LineParser open(ParseContext context) {
        return new S3AccessParser();
    }
}
