package dev.cloudwarden.app.live.files;

/**
 * Limits of a {@link LiveFiles} input.
 *
 * @param maxOpenFiles    files kept open between polls (an open file can be read to its end after it is renamed
 *                        or deleted); beyond it the least recently read are closed and reopened by path
 * @param maxBytesPerPoll bytes read from one file in one poll before the others get their turn and a checkpoint
 * @param keepGone        positions kept of files no longer present (to recognise their compressed rotated copies)
 */
public record LiveFilesOptions(int maxOpenFiles, long maxBytesPerPoll, int keepGone) {
    public LiveFilesOptions {
        if (maxOpenFiles < 1 || maxBytesPerPoll < 1 || keepGone < 0) {
            throw new IllegalArgumentException("live file limits must be positive: " + maxOpenFiles + ", "
                    + maxBytesPerPoll + ", " + keepGone);
        }
    }

    public static LiveFilesOptions defaults() {
        return new LiveFilesOptions(64, 8L * 1024 * 1024, 256);
    }
}
