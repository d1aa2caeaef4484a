package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.IngestSink;
import dev.cloudwarden.engine.ingest.Rejection;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Where a reading command sends what it reads: events to the command, rejections to stderr (one line each,
 * the first {@code maxErrors} of them) and to the quarantine file, byte counts to the progress bar.
 */
final class ConsoleSink implements IngestSink {
    private final IngestRun.EventConsumer consumer;
    private final Quarantine quarantine;
    private final PrintWriter err;
    private final int maxErrors;
    private final Progress progress;
    private long errors;
    private UncheckedIOException failed; // the command's output failed; reading stops at the next record

    ConsoleSink(IngestRun.EventConsumer consumer, Quarantine quarantine, PrintWriter err, int maxErrors, Progress progress) {
        this.consumer = consumer;
        this.quarantine = quarantine;
        this.err = err;
        this.maxErrors = maxErrors;
        this.progress = progress;
    }

    @Override
    public void onEvent(Event event) {
        try {
            consumer.accept(event);
        } catch (IOException e) {
            failed = outputFailed(e);
            throw failed;
        }
    }

    static UncheckedIOException outputFailed(IOException e) {
        return new UncheckedIOException("cannot write output", e);
    }

    @Override
    public void onRejected(Rejection rejection) {
        if (failed != null) {
            // The readers report an exception from onEvent as a rejected record ("parser failure"); it is not one,
            // and a command whose output failed cannot go on, so the read ends here with the output's exception.
            throw failed;
        }
        if (errors++ < maxErrors) {
            progress.pause(() -> {
                err.println("error: " + TerminalText.safe(rejection.message()));
                err.flush();
            });
        }
        try {
            quarantine.add(rejection);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the quarantine file", e);
        }
    }

    @Override
    public void onInputStart(String input, String format, SourceType source) {
        progress.nextInput();
    }

    @Override
    public void onBytesRead(long total) {
        progress.inputBytes(total);
    }

    void finish() {
        if (errors > maxErrors) {
            err.println("error: ... and " + (errors - maxErrors) + " more rejections (all are in the quarantine file)");
        }
    }
}
