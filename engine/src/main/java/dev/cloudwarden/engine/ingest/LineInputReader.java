package dev.cloudwarden.engine.ingest;

import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.ingest.read.LineReader;
import dev.cloudwarden.engine.ingest.read.Utf8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads an input line by line (text logs and NDJSON). Each line is checked against the size limit and
 * for valid UTF-8 before any parser sees it, so parsers only ever meet well-formed text. A stream that
 * fails mid-way (a truncated .gz) rejects its unfinished last line and ends the input. With
 * {@link IngestOptions#parseThreads()} above one, NDJSON records are parsed on that many threads once the first
 * record has decided the parser ({@link ParallelJsonLines}); the sink sees the same calls in the same order.
 */
final class LineInputReader {
    private final String name;
    private final IngestOptions options;
    private final RecordDispatcher dispatcher;
    private final boolean json;

    LineInputReader(String name, IngestOptions options, RecordDispatcher dispatcher, boolean json) {
        this.name = name;
        this.options = options;
        this.dispatcher = dispatcher;
        this.json = json;
    }

    void read(InputStream in) {
        read(in, 0);
    }

    /**
     * Reads lines numbered from {@code linesBefore + 1}: an input read in pieces ({@link LineFeed}) goes on with the
     * same dispatcher, so its parsers keep their state and its lines their numbers.
     */
    void read(InputStream in, long linesBefore) {
        IngestSink sink = dispatcher.sink();
        LineReader lines = new LineReader(in, options.maxLineBytes());
        ParallelJsonLines parallel = null;
        try {
            while (lines.next()) {
                Origin origin = Origin.line(name, linesBefore + lines.lineNumber());
                byte[] buf = lines.buffer();
                int start = lines.start();
                int length = lines.length();
                if (lines.oversizedLength() > 0) {
                    decided(parallel, origin, new Rejection(origin, "line is " + lines.oversizedLength()
                            + " bytes, over the limit of " + options.maxLineBytes() + " (first bytes kept)",
                            Arrays.copyOfRange(buf, start, start + length)));
                    continue;
                }
                if (lines.isBlank()) {
                    decided(parallel, origin, new RecordDispatcher.Skip(origin, "blank line"));
                    continue;
                }
                int bad = lines.isAscii() ? -1 : Utf8.firstInvalid(buf, start, start + length);
                if (bad >= 0) {
                    decided(parallel, origin, new Rejection(origin, "invalid UTF-8 at byte " + (bad - start + 1)
                            + " of the line", Arrays.copyOfRange(buf, start, start + length)));
                    continue;
                }
                if (!json) {
                    dispatcher.line(new String(buf, start, length, StandardCharsets.UTF_8), origin);
                } else if (parallel != null) {
                    parallel.record(Arrays.copyOfRange(buf, start, start + length), origin);
                } else {
                    dispatcher.json(Arrays.copyOfRange(buf, start, start + length), origin);
                    if (options.parseThreads() > 1 && dispatcher.decided()) {
                        parallel = new ParallelJsonLines(dispatcher, options.parseThreads());
                    }
                }
            }
            if (parallel != null) {
                parallel.drain();
            }
        } catch (IOException e) {
            if (parallel != null) {
                parallel.drain();
            }
            long line = linesBefore + lines.lineNumber() + 1;
            sink.onRejected(new Rejection(Origin.line(name, line), "input ends early (" + describe(e)
                    + "); line " + line + " and anything after it are lost", lines.pendingBytes()));
        } finally {
            if (parallel != null) {
                parallel.close();
            }
        }
    }

    /**
     * An outcome decided on this thread (a rejection, a skip), in line order: to the sink now, or behind the records
     * still being parsed.
     */
    private void decided(ParallelJsonLines parallel, Origin origin, Object outcome) {
        if (parallel != null) {
            parallel.decided(origin, outcome);
        } else {
            dispatcher.deliver(outcome);
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
