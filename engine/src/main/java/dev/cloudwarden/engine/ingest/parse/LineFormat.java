package dev.cloudwarden.engine.ingest.parse;

import dev.cloudwarden.engine.event.SourceType;

/** A line-oriented text log format (sshd, web access, flow logs...). */
public interface LineFormat {
    SourceType source();

    /** True when {@code line}, the first non-blank line of an input, is in this format. Used for autodetection. */
    boolean recognizes(String line);

    /** A parser for one input; it may keep state across lines (a flow-log header, the syslog year). */
    LineParser open(ParseContext context);
}
