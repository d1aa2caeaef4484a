package dev.cloudwarden.app.live;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Polls live inputs on a thread of its own: each in turn, again at once while any had something, otherwise after the
 * interval. Polling rather than a WatchService: file events are unreliable on network and container file systems.
 */
public final class LivePoller implements AutoCloseable {
    private final List<LiveInput> inputs;
    private final Duration interval;
    private final Thread thread;
    private final CountDownLatch stop = new CountDownLatch(1);

    public LivePoller(List<LiveInput> inputs, Duration interval) {
        this.inputs = List.copyOf(inputs);
        this.interval = interval;
        this.thread = new Thread(this::loop, "cloudwarden-live");
        thread.setDaemon(true);
    }

    public LivePoller start() {
        thread.start();
        return this;
    }

    private void loop() {
        try {
            while (stop.getCount() > 0) {
                boolean busy = false;
                for (LiveInput input : inputs) {
                    busy |= input.poll();
                }
                if (!busy) {
                    stop.await(interval.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops polling (waiting for the current poll to end) and closes the inputs. */
    @Override
    public void close() {
        // No interrupt: it would close a file channel in the middle of a read.
        stop.countDown();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inputs.forEach(LiveInput::close);
    }
}
