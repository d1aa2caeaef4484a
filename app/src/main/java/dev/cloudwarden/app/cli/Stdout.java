package dev.cloudwarden.app.cli;


import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Locale;

/**
 * The process's standard output, buffered once. Picocli's default writer goes through {@code System.out}, a
 * PrintStream that flushes on every write it is handed and hides write errors, behind a character encoder.
 * Here NDJSON writers put UTF-8 bytes into one large buffer, text commands print through a writer over the same
 * buffer, and a failed write is seen: a closed pipe ends a run early and quietly, anything else with a message.
 */
final class Stdout {
    /** Large enough that a write system call moves about a hundred events. */
    static final int BUFFER_BYTES = 1 << 16;

    private Stdout() {
    }

    static OutputStream open() {
        return new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), BUFFER_BYTES);
    }

    /** The encoding picocli's own writer would use for text: the console's, else the platform default. */
    static Charset textCharset() {
        String console = System.getProperty("sun.stdout.encoding");
        return console != null && Charset.isSupported(console) ? Charset.forName(console) : Charset.defaultCharset();
    }

    /**
     * Ends a command whose output failed: quietly with exit code 0 when the reader went away ({@code | head}), as
     * a pipeline expects; otherwise (disk full, I/O error) with one line on stderr and exit code 2, as for any
     * input or output CloudWarden cannot use (1 means findings), without the stack trace picocli would print.
     */
    static int failed(IOException e, String what, PrintWriter err) {
        if (isClosedPipe(e)) {
            return CloudWardenCli.EXIT_OK;
        }
        err.println("error: " + what + ": " + e.getMessage());
        err.flush();
        return CloudWardenCli.EXIT_USAGE;
    }

    /** EPIPE as the JDK reports it on Linux and macOS, and the two Windows messages for a closed pipe. */
    static boolean isClosedPipe(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("broken pipe") || m.contains("pipe is being closed") || m.contains("pipe has been ended");
    }
}
