package dev.cloudwarden.app.live;

/**
 * A source of records that keeps arriving (watched files, S3 deliveries). {@link LivePoller} calls {@link #poll}
 * on one thread; {@link #health} may be called from any thread.
 */
public interface LiveInput extends AutoCloseable {
    /** The input's name: the key of its positions and of its health. */
    default String name() {
        return health().input();
    }

    /**
     * Reads what arrived since the last call, hands it to the consumer and asks for a checkpoint. Problems with the
     * data are reported (health, rejections) and never thrown.
     *
     * @return true when something was read (the poller polls again at once), false when the input is idle
     */
    boolean poll();

    InputHealth health();

    @Override
    void close();
}
