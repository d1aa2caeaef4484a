package dev.cloudwarden.app.cli;

import java.io.IOException;
import java.io.OutputStream;

/** Takes the first 20,000 bytes, then fails every write as a closed pipe or a full disk does. */
final class FailingStdout extends OutputStream {
    private final String error;
    long accepted;

    FailingStdout(String error) {
        this.error = error;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (accepted + len > 20_000) {
            throw new IOException(error);
        }
        accepted += len;
    }
}
