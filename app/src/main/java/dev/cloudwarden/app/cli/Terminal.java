package dev.cloudwarden.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard output or error is a terminal. Java 17 can only tell that stdin and stdout both are
 * ({@link System#console()}); progress belongs on stderr even when stdout is piped to a file, so on Linux
 * the descriptor's target is read from /proc, falling back to {@code System.console()} elsewhere.
 */
final class Terminal {
    private Terminal() {
    }

    static boolean stdoutIsTerminal() {
        return isTerminal(1);
    }

    static boolean stderrIsTerminal() {
        return isTerminal(2);
    }

    private static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }
}
