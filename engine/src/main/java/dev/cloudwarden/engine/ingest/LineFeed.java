package dev.cloudwarden.engine.ingest;

import dev.cloudwarden.engine.ingest.read.ContainerFormat;

import java.io.InputStream;

/**
 * An input that grows (a followed log file), read in pieces of complete lines with the same checks, parsers and
 * origins as {@link Ingestor#read} gives the whole input: the source is decided by the first record and the parser
 * keeps its state (a flow-log header, the time of the event before) from one piece to the next. Only line formats
 * ({@link ContainerFormat#TEXT_LINES}, {@link ContainerFormat#JSON_LINES}) can be fed; documents are read whole.
 */
public final class LineFeed {
    private final LineInputReader reader;

    LineFeed(String name, ContainerFormat format, IngestOptions options, RecordDispatcher dispatcher) {
        if (format != ContainerFormat.TEXT_LINES && format != ContainerFormat.JSON_LINES) {
            throw new IllegalArgumentException(name + ": a " + format.label() + " input is a document, not lines");
        }
        reader = new LineInputReader(name, options, dispatcher, format == ContainerFormat.JSON_LINES);
        dispatcher.sink().onInputStart(name, format.label(), options.forcedSource());
    }

    /**
     * Reads {@code completeLines} (every line ended by its LF, as the caller found them), numbering them from
     * {@code linesBefore + 1}; every line ends in one sink call before this returns.
     */
    public void read(InputStream completeLines, long linesBefore) {
        reader.read(completeLines, linesBefore);
    }
}
