package dev.cloudwarden.app.live;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * One input's side of the checkpoint protocol ({@link LiveConsumer}): asks the consumer for a checkpoint with a
 * snapshot of the positions, and commits the snapshot when the consumer says it is durable. A late completion of an
 * older checkpoint never overwrites a newer commit.
 */
public final class Checkpointer {
    private final String input;
    private final Offsets offsets;
    private final LiveStats stats;
    private long requested;
    private long committed;

    public Checkpointer(String input, Offsets offsets, LiveStats stats) {
        this.input = input;
        this.offsets = offsets;
        this.stats = stats;
    }

    /**
     * Asks {@code consumer} to make everything handed over so far durable; then commits {@code positions} and runs
     * {@code afterCommit} (SQS hands its messages back for deletion there). Called on the input's thread.
     */
    public void request(LiveConsumer consumer, Collection<Position> positions, Runnable afterCommit) {
        List<Position> snapshot = List.copyOf(positions);
        long ticket;
        synchronized (this) {
            ticket = ++requested;
        }
        consumer.checkpoint(() -> commit(ticket, snapshot, afterCommit));
    }

    private void commit(long ticket, List<Position> snapshot, Runnable afterCommit) {
        synchronized (this) {
            if (ticket <= committed) {
                return;
            }
            try {
                offsets.commit(input, snapshot);
            } catch (IOException | RuntimeException e) {
                // Not committed: a restart reads these records again, which the store's upserts absorb.
                stats.error("cannot commit positions: " + e.getMessage());
                return;
            }
            committed = ticket;
            stats.committed();
        }
        afterCommit.run();
    }
}
