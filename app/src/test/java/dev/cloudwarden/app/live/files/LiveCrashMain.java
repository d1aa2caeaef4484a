package dev.cloudwarden.app.live.files;

import dev.cloudwarden.app.live.JsonFileOffsets;
import dev.cloudwarden.app.live.LiveConsumer;
import dev.cloudwarden.app.live.RecordingConsumer;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.Rejection;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The process {@link LiveCrashTest} kills: follows a directory, appending every event (as JSON with its origin) to an
 * output file that a checkpoint flushes and forces to disk before positions are committed. Exits when idle.
 * Arguments: watched directory, positions file, output file.
 */
public final class LiveCrashMain {
    public static void main(String[] args) throws IOException {
        // A consumer's own recovery: a line cut by the kill was never durable, so it goes
        Path output = Path.of(args[2]);
        if (java.nio.file.Files.exists(output)) {
            byte[] b = java.nio.file.Files.readAllBytes(output);
            int end = b.length;
            while (end > 0 && b[end - 1] != '\n') {
                end--;
            }
            try (var c = java.nio.channels.FileChannel.open(output, java.nio.file.StandardOpenOption.WRITE)) {
                c.truncate(end);
            }
        }
        FileOutputStream file = new FileOutputStream(args[2], true);
        Writer out = new OutputStreamWriter(file, StandardCharsets.UTF_8);
        LiveConsumer consumer = new LiveConsumer() {
            @Override
            public void onEvent(Event event) {
                write(RecordingConsumer.text(event));
            }

            @Override
            public void onRejected(Rejection rejection) {
                write("rejected " + rejection.message());
            }

            private void write(String line) {
                try {
                    out.write(line);
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void checkpoint(Runnable durable) {
                try {
                    out.flush();
                    file.getFD().sync();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                durable.run();
            }
        };
        LiveFiles input = LiveFiles.open("crash", List.of(new WatchedPath(Path.of(args[0]), "*.log")),
                new Ingestor(IngestOptions.defaults()), new JsonFileOffsets(Path.of(args[1])), consumer,
                new LiveFilesOptions(4, 16 * 1024, 16), Clock.systemUTC());
        int idle = 0;
        while (idle < 3) {
            idle = input.poll() ? 0 : idle + 1;
        }
        out.close();
    }
}
