package dev.cloudwarden.bench;

import java.lang.management.ManagementFactory;

/**
 * The largest heap in use right after a full garbage collection, forced every {@value #SAMPLE_MILLIS} ms while a
 * benchmark runs: the live set the code holds, unlike peak usage, which also counts garbage the collector had not
 * yet reclaimed. The forced collections slow the run, so measure time in other rounds.
 */
final class LiveHeap {
    private static final long SAMPLE_MILLIS = 2_000;

    private final Thread sampler;
    private volatile boolean running = true;
    private long max;

    private LiveHeap() {
        sampler = new Thread(this::sample, "live-heap-sampler");
        sampler.setDaemon(true);
    }

    static LiveHeap start() {
        LiveHeap h = new LiveHeap();
        h.sampler.start();
        return h;
    }

    /** Stops sampling; the largest post-collection heap use seen, in bytes. */
    long stop() {
        running = false;
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return max;
    }

    private void sample() {
        while (running) {
            try {
                Thread.sleep(SAMPLE_MILLIS);
                System.gc();
                max = Math.max(max, afterLastCollection());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Heap in use (just after the forced collection). */
    private static long afterLastCollection() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
