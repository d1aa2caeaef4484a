package dev.cloudwarden.engine.ingest.parse;

/** A line-oriented text log format (sshd, web access, flow logs...). */
public non-sealed interface LineFormat extends SourceDescriptor {
    /**
     * True when {@code line}, the first non-blank line of an input, is in this format. Asked once per input, in
     * registry order, so a format may claim lines a later one would also claim.
     */
    boolean recognizes(String line);

    /** A parser for one input; it may keep state across lines (a flow-log header, the syslog year). */
    LineParser open(ParseContext context);
}
