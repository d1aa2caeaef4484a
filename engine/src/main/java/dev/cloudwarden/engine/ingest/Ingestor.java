package dev.cloudwarden.engine.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.parse.ParseContext;
import dev.cloudwarden.engine.ingest.read.ContainerFormat;
import dev.cloudwarden.engine.ingest.read.ContainerSniffer;
import dev.cloudwarden.engine.ingest.read.Input;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * Reads inputs into events: opens (and gunzips), decides the container format, then hands the input
 * to the line reader or the JSON container reader. Bad data never escapes as an exception: every line
 * or record read ends as an event, a rejection or a skip on the sink.
 */
public final class Ingestor {
    /** How many decoded bytes at most decide an input's container format. */
    public static final int SNIFF_BYTES = 64 * 1024;

    private final Sources sources;
    private final IngestOptions options;
    private final JsonFactory factory;

    public Ingestor(Sources sources, IngestOptions options) {
        this.sources = sources;
        this.options = options;
        this.factory = dev.cloudwarden.engine.event.Json.factory(options.maxDepth());
    }

    public Ingestor(IngestOptions options) {
        this(Sources.standard(), options);
    }

    /** This ingestor with one parsing thread per input, for inputs already read side by side in lanes. */
    public Ingestor oneThreadPerInput() {
        return options.parseThreads() == 1 ? this : new Ingestor(sources, options.withParseThreads(1));
    }

    public void read(Iterable<Input> inputs, IngestSink sink) {
        for (Input input : inputs) {
            read(input, sink);
        }
    }

    public void read(Input input, IngestSink sink) {
        ParseContext context = new ParseContext(input.name(), options.logSource(), input.modified(), options.readAhead());
        RecordDispatcher dispatcher = new RecordDispatcher(sources, options, factory, context, sink);
        try (InputStream in = input.openDecoded(sink::onBytesRead)) {
            ContainerFormat format = decideFormat(in);
            sink.onInputStart(input.name(), format.label(), options.forcedSource());
            switch (format) {
                case CLOUDTRAIL_DIGEST -> sink.onSkipped(Origin.line(input.name(), 1), "CloudTrail digest file");
                case TEXT_LINES, EMPTY, JSON_LINES -> new LineInputReader(input.name(), options, dispatcher,
                        format == ContainerFormat.JSON_LINES).read(in);
                default -> new JsonContainerReader(input.name(), format, options, factory, dispatcher).read(in);
            }
        } catch (IOException e) {
            // Only opening can fail here; the readers report their own I/O errors with a position.
            sink.onRejected(Rejection.of(Origin.line(input.name(), 0), "cannot read: " + e.getMessage(), null));
        }
    }

    /**
     * Starts reading an input that grows, line by line: {@code name} is its name in origins, {@code referenceTime}
     * stands for its modification time (keep it fixed for the input, so a re-read gives the same events).
     */
    public LineFeed feed(String name, Instant referenceTime, ContainerFormat format, IngestSink sink) {
        ParseContext context = new ParseContext(name, options.logSource(), referenceTime, options.readAhead());
        RecordDispatcher dispatcher = new RecordDispatcher(sources, options, factory, context, sink);
        return new LineFeed(name, format, options, dispatcher);
    }

    /** The container format of an input whose first decoded bytes are {@code prefix[0..length)}, as {@link #read} decides it. */
    public ContainerFormat format(byte[] prefix, int length) {
        SourceType forced = options.forcedSource();
        if (forced != null && sources.json(forced).isEmpty()) {
            return ContainerFormat.TEXT_LINES;
        }
        return ContainerSniffer.sniff(prefix, length, factory);
    }

    private ContainerFormat decideFormat(InputStream in) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] prefix = in.readNBytes(SNIFF_BYTES);
        in.reset();
        return format(prefix, prefix.length);
    }
}
