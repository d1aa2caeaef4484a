package dev.cloudwarden.engine.ingest;

import dev.cloudwarden.engine.concurrent.Tasks;
import dev.cloudwarden.engine.event.Origin;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parses the records of one NDJSON input on several threads and hands every outcome to the sink in line order, so
 * the sink sees exactly the calls a single thread would make.
 *
 * <p><b>Why.</b> A large export (one CloudTrail or audit-log NDJSON file of gigabytes) is one input, and one input
 * was parsed on one thread, which then limited the whole scan however many cores matched rules. Splitting the file
 * into lanes of the time-ordered merge would not help: the lanes would wait for each other's time. Here the reading
 * thread still splits lines and checks them (size, blank, UTF-8: cheap, and in order), cuts them into chunks, and
 * workers run the JSON parser on whole chunks; finished chunks are delivered oldest first.
 *
 * <p>Only records after the parser is decided come here (the first record decides it, on the reading thread), and
 * only JSON: JSON record parsers and envelopes are stateless, while text parsers carry state from line to line (a
 * syslog year rolling over), so text found inside envelopes is parsed at delivery. What depends on the records
 * before (an event without a time of its own takes the previous event's) is also done at delivery, in line order. At most two chunks per worker are in flight, so memory stays bounded. The pool starts with the
 * second chunk, so a small input costs no thread.
 */
final class ParallelJsonLines implements AutoCloseable {
    static final int CHUNK = 256;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final RecordDispatcher dispatcher;
    private final int threads;
    private final ArrayDeque<Future<Chunk>> inFlight = new ArrayDeque<>();
    private ExecutorService pool;
    private Chunk current = new Chunk();

    ParallelJsonLines(RecordDispatcher dispatcher, int threads) {
        this.dispatcher = dispatcher;
        this.threads = threads;
    }

    /** A record to parse, in line order. */
    void record(byte[] json, Origin origin) {
        current.add(json, origin, null);
    }

    /** An outcome decided on the reading thread (a blank line, an oversized one), kept in line order. */
    void decided(Origin origin, Object outcome) {
        current.add(null, origin, outcome);
    }

    /** Delivers everything handed in so far; returns when the sink has seen it. */
    void drain() {
        dispatch();
        while (!inFlight.isEmpty()) {
            Tasks.await(inFlight.removeFirst(), "parsing").deliver();
        }
    }

    private void dispatch() {
        Chunk chunk = current;
        if (chunk.size == 0) {
            return;
        }
        current = new Chunk();
        if (pool == null && inFlight.isEmpty() && chunk.size < CHUNK) {
            chunk.parse(); // the end of a small input: no thread needed
            chunk.deliver();
            return;
        }
        if (pool == null) {
            int id = POOLS.incrementAndGet();
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "cloudwarden-parse-" + id);
                t.setDaemon(true);
                return t;
            });
        }
        inFlight.add(pool.submit(() -> {
            chunk.parse();
            return chunk;
        }));
        while (inFlight.size() > 2 * threads) {
            Tasks.await(inFlight.removeFirst(), "parsing").deliver();
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Lines in order: the bytes of records still to parse, and outcomes (events, rejections, skips). */
    private final class Chunk {
        final byte[][] json = new byte[CHUNK][];
        final Origin[] origins = new Origin[CHUNK];
        final Object[] outcomes = new Object[CHUNK];
        int size;

        void add(byte[] record, Origin origin, Object outcome) {
            json[size] = record;
            origins[size] = origin;
            outcomes[size] = outcome;
            if (++size == CHUNK) {
                dispatch();
            }
        }

        void parse() {
            for (int i = 0; i < size; i++) {
                if (json[i] != null) {
                    outcomes[i] = dispatcher.parse(json[i], origins[i]);
                    json[i] = null;
                }
            }
        }

        /** On the reading thread, in line order: delivery gives events without a time the previous one's. */
        void deliver() {
            for (int i = 0; i < size; i++) {
                dispatcher.deliver(outcomes[i]);
            }
        }
    }
}
