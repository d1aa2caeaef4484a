package dev.cloudwarden.engine.ingest;

import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.json.ReadAhead;

/**
 * How inputs are read.
 *
 * @param forcedSource  parse every input as this source instead of detecting it, or null
 * @param logSource     Sigma logsource for generic JSON records, or null
 * @param maxLineBytes  longer lines (and JSON records) are rejected, not buffered without bound
 * @param maxDepth      JSON nested deeper than this is rejected
 * @param readAhead     fields to read from JSON records while parsing them (for the rules), or null
 * @param parseThreads  threads parsing the records of one NDJSON input (outcomes stay in line order); inputs read
 *                      in lanes of their own ({@link TimeOrderedReader}) each use one
 */
public record IngestOptions(SourceType forcedSource, LogSource logSource, int maxLineBytes, int maxDepth,
                            ReadAhead readAhead, int parseThreads) {
    public static final int DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

    public IngestOptions {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("line limit must be at least 16 bytes, got " + maxLineBytes);
        }
        Json.factory(maxDepth); // validates the range with a clear message
        if (parseThreads < 1) {
            throw new IllegalArgumentException("parse threads must be at least 1, got " + parseThreads);
        }
    }

    public static IngestOptions defaults() {
        return new IngestOptions(null, null, DEFAULT_MAX_LINE_BYTES, Json.DEFAULT_DEPTH, null, 1);
    }

    public IngestOptions withForcedSource(SourceType source) {
        return new IngestOptions(source, logSource, maxLineBytes, maxDepth, readAhead, parseThreads);
    }

    public IngestOptions withLogSource(LogSource value) {
        return new IngestOptions(forcedSource, value, maxLineBytes, maxDepth, readAhead, parseThreads);
    }

    public IngestOptions withMaxLineBytes(int value) {
        return new IngestOptions(forcedSource, logSource, value, maxDepth, readAhead, parseThreads);
    }

    public IngestOptions withMaxDepth(int value) {
        return new IngestOptions(forcedSource, logSource, maxLineBytes, value, readAhead, parseThreads);
    }

    public IngestOptions withReadAhead(ReadAhead value) {
        return new IngestOptions(forcedSource, logSource, maxLineBytes, maxDepth, value, parseThreads);
    }

    public IngestOptions withParseThreads(int value) {
        return new IngestOptions(forcedSource, logSource, maxLineBytes, maxDepth, readAhead, value);
    }
}
