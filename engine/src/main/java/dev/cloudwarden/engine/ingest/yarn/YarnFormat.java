package dev.cloudwarden.engine.ingest.yarn;

import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.parse.LineFormat;
import dev.cloudwarden.engine.ingest.parse.LineParser;
import dev.cloudwarden.engine.ingest.parse.ParseContext;

/**
 * Hadoop YARN's ResourceManager log and its audit log (RMAuditLogger; NodeManager's NMAuditLogger writes
 * the same shape). A file is claimed when its first line is an audit line or comes from a Hadoop or YARN
 * logger: other Java services write log4j lines too, and those are not YARN's.
 */
public final class YarnFormat implements LineFormat {
    @Override
    public SourceType source() {
        return SourceType.YARN;
    }

    @Override
    public boolean recognizes(String line) {
        Log4jLine l = Log4jLine.parse(line);
        if (l == null) {
            return false;
        }
        String logger = l.logger();
        return AuditPairs.isAudit(l) || logger.contains("resourcemanager") || logger.contains("nodemanager")
                || logger.contains("yarn") || logger.contains("hadoop");
    }

    @Override
    public LineParser open(ParseContext context) {
        return new YarnParser();
    }
}
