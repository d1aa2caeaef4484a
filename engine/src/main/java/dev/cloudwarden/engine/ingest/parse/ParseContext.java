package dev.cloudwarden.engine.ingest.parse;

import dev.cloudwarden.engine.event.LogSource;

import dev.cloudwarden.engine.ingest.json.ReadAhead;

import java.time.Instant;

/**
 * What a parser knows about the input it reads.
 *
 * @param input         the input's name, for messages
 * @param logSource     the Sigma logsource given by the user for generic JSON, or null
 * @param referenceTime "now" for formats that omit the year (syslog): a timestamp that would fall more
 *                      than a day after it belongs to the previous year. The file's modification time,
 *                      so a rescan of the same file gives the same events.
 * @param readAhead     fields JSON parsers also read for the rules, or null
 */
public record ParseContext(String input, LogSource logSource, Instant referenceTime, ReadAhead readAhead) {
    public ParseContext(String input, LogSource logSource, Instant referenceTime) {
        this(input, logSource, referenceTime, null);
    }
}
