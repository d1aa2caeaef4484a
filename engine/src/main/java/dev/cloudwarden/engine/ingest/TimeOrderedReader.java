package dev.cloudwarden.engine.ingest;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.read.Input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads several lanes of inputs at once and hands their events on in event-time order, so that a batch scan
 * sees time advance as a live stream would.
 *
 * <p><b>Why.</b> A folder of logs holds one file per log type (or per host), each covering the whole period.
 * Read one after another, event time runs from start to end once per file, and every stateful operator
 * (correlations, behavioral baselines, incidents) must then keep the whole period in state, waiting for the
 * next file to come back in time: memory grows with the input. Merged by time, the watermark advances with
 * the data and state stays bounded by the windows.
 *
 * <p><b>How.</b> A lane is read by its own thread through the {@link Ingestor} into a small bounded queue of
 * batches; this thread repeatedly hands on the earliest head event of all lanes (ties: lower lane first). Each
 * lane's own order is kept as it is, so a lane that is out of order by a few minutes (CloudTrail files are)
 * stays so, within the operators' allowed lateness. Rejections, skips and input starts are passed on when
 * they reach the head of their lane. The sink is only ever called from the calling thread. Memory is bounded:
 * at most {@value #QUEUED_BATCHES} batches of {@value #BATCH} items per lane wait at a time.
 *
 * <p><b>Lanes</b> ({@link #lanes}): while the inputs number at most {@value #MAX_LANES}, each file is its own
 * lane, whatever its name says (a folder of exported logs, one per incident or technique, need not sort by
 * time). Beyond that, each file is its own lane unless its folder holds more than {@value #FILES_READ_APART}
 * files: then the folder is one lane, read in name order (CloudTrail's and most archivers' time-stamped names
 * sort by time), with date folders ({@code 2026/11/25}) folded into their parent, so a CloudTrail tree of a
 * thousand days is one lane per account and region, not a thousand. Past {@value #MAX_LANES} lanes, later lanes
 * are appended to earlier ones; their files are then read one after another, and only the allowed lateness of
 * the operators covers the difference.
 *
 * <p>Progress: byte counts are added up over the lanes, and reported as if the lanes were one input per
 * {@link IngestSink#onInputStart}, so a sink that adds up inputs' bytes sees the true total.
 */
public final class TimeOrderedReader {
    static final int BATCH = 128;
    static final int QUEUED_BATCHES = 4;
    /** Among many inputs, a folder with at most this many files reads each in its own lane (per-host logs, rotated logs). */
    static final int FILES_READ_APART = 16;
    /** Threads and queued batches are per lane; beyond this, lanes are appended to earlier ones. */
    static final int MAX_LANES = 64;

    /** Earliest head event first, lower lane on ties; written out because it runs once or twice per event. */
    private static final Comparator<Lane> EARLIEST_HEAD = (a, b) -> {
        int byTime = a.head.time().compareTo(b.head.time());
        return byTime != 0 ? byTime : Integer.compare(a.index, b.index);
    };

    private final Ingestor ingestor;

    public TimeOrderedReader(Ingestor ingestor) {
        this.ingestor = ingestor;
    }

    /** Groups inputs into lanes (see the class documentation), keeping their order within each lane. */
    public static List<List<Input>> lanes(List<Input> inputs) {
        if (inputs.size() <= MAX_LANES) {
            return inputs.stream().map(List::of).toList();
        }
        Map<String, List<Input>> byFolder = new LinkedHashMap<>();
        for (Input input : inputs) {
            byFolder.computeIfAbsent(laneKey(input.name()), k -> new ArrayList<>()).add(input);
        }
        List<List<Input>> lanes = new ArrayList<>();
        for (List<Input> folder : byFolder.values()) {
            if (folder.size() <= FILES_READ_APART) {
                folder.forEach(i -> lanes.add(List.of(i)));
            } else {
                lanes.add(List.copyOf(folder));
            }
        }
        if (lanes.size() <= MAX_LANES) {
            return List.copyOf(lanes);
        }
        List<List<Input>> folded = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            if (i < MAX_LANES) {
                folded.add(new ArrayList<>(lanes.get(i)));
            } else {
                folded.get(i % MAX_LANES).addAll(lanes.get(i));
            }
        }
        return folded.stream().map(List::copyOf).toList();
    }

    /** The folder of {@code name} without its all-digit (date) parts; a name without a folder is its own lane. */
    static String laneKey(String name) {
        Path parent = name.equals("-") ? null : Path.of(name).toAbsolutePath().normalize().getParent();
        if (parent == null) {
            return name;
        }
        StringBuilder key = new StringBuilder(parent.getRoot() == null ? "" : parent.getRoot().toString());
        for (Path part : parent) {
            if (!part.toString().chars().allMatch(Character::isDigit)) {
                key.append(part).append('/');
            }
        }
        return key.toString();
    }

    /**
     * Reads every lane, merging by event time into {@code sink}. One lane is read on this thread (its NDJSON records
     * parsed on the ingestor's parse threads); several are read one thread each.
     */
    public void read(List<List<Input>> lanes, IngestSink sink) {
        if (lanes.size() <= 1) {
            lanes.forEach(l -> ingestor.read(l, sink));
            return;
        }
        List<Lane> all = new ArrayList<>();
        Ingestor perLane = ingestor.oneThreadPerInput(); // the lanes are the parallelism
        try {
            for (int i = 0; i < lanes.size(); i++) {
                Lane lane = new Lane(i, lanes.get(i), perLane);
                all.add(lane);
                lane.thread.start();
            }
            merge(all, sink);
        } finally {
            for (Lane lane : all) {
                lane.thread.interrupt();
            }
        }
    }

    private void merge(List<Lane> lanes, IngestSink sink) {
        Progress progress = new Progress(lanes.size(), sink);
        PriorityQueue<Lane> ready = new PriorityQueue<>(EARLIEST_HEAD);
        for (Lane lane : lanes) {
            if (lane.advance(sink, progress)) {
                ready.add(lane);
            }
        }
        while (!ready.isEmpty()) {
            Lane lane = ready.poll();
            Event next = lane.head;
            lane.head = null;
            sink.onEvent(next);
            if (lane.advance(sink, progress)) {
                ready.add(lane);
            }
        }
    }

    /** What a lane's reader thread passes to the merging thread. */
    private sealed interface Item {
    }

    private record EventItem(Event event) implements Item {
    }

    private record Rejected(Rejection rejection) implements Item {
    }

    private record Skipped(Origin origin, String reason) implements Item {
    }

    private record Started(String input, String format, SourceType source) implements Item {
    }

    private record BytesRead(long total) implements Item {
    }

    private record Finished() implements Item {
    }

    private record Failed(Throwable error) implements Item {
    }

    private final class Lane implements IngestSink {
        final int index;
        final Thread thread;
        final BlockingQueue<List<Item>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        private List<Item> filling = new ArrayList<>(BATCH);
        private List<Item> draining = List.of();
        private int next;
        Event head;

        Lane(int index, List<Input> inputs, Ingestor ingestor) {
            this.index = index;
            this.thread = new Thread(() -> produce(ingestor, inputs), "cloudwarden-read-" + index);
            thread.setDaemon(true);
        }

        private void produce(Ingestor ingestor, List<Input> inputs) {
            try {
                ingestor.read(inputs, this);
                add(new Finished());
                flush();
            } catch (InterruptedQueueException e) {
                // the merging thread stopped early (its sink failed): nobody waits for the rest
            } catch (RuntimeException | Error e) {
                try {
                    filling.add(new Failed(e));
                    flush();
                } catch (InterruptedQueueException ignored) {
                    // as above
                }
            }
        }

        // IngestSink, on the lane's thread

        @Override
        public void onEvent(Event event) {
            add(new EventItem(event));
        }

        @Override
        public void onRejected(Rejection rejection) {
            add(new Rejected(rejection));
        }

        @Override
        public void onSkipped(Origin origin, String reason) {
            add(new Skipped(origin, reason));
        }

        @Override
        public void onInputStart(String input, String format, SourceType source) {
            add(new Started(input, format, source));
        }

        @Override
        public void onBytesRead(long total) {
            add(new BytesRead(total));
        }

        private void add(Item item) {
            filling.add(item);
            if (filling.size() >= BATCH) {
                flush();
            }
        }

        private void flush() {
            try {
                queue.put(filling);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedQueueException();
            }
            filling = new ArrayList<>(BATCH);
        }

        // on the merging thread

        /** Passes on items up to the next event, which becomes the head; false when the lane has ended. */
        boolean advance(IngestSink sink, Progress progress) {
            while (true) {
                if (next == draining.size()) {
                    draining = take();
                    next = 0;
                    continue;
                }
                Item item = draining.get(next++);
                if (item instanceof EventItem e) {
                    head = e.event();
                    return true;
                } else if (item instanceof Rejected r) {
                    sink.onRejected(r.rejection());
                } else if (item instanceof Skipped s) {
                    sink.onSkipped(s.origin(), s.reason());
                } else if (item instanceof Started s) {
                    progress.started(index, s);
                } else if (item instanceof BytesRead b) {
                    progress.bytes(index, b.total());
                } else if (item instanceof Failed f) {
                    throw new IllegalStateException("reading " + thread.getName() + " failed", f.error());
                } else {
                    return false; // Finished
                }
            }
        }

        private List<Item> take() {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while merging inputs", e);
            }
        }
    }

    /** Adds up the lanes' byte counts into one running total (see the class documentation). */
    private static final class Progress {
        private final long[] finishedInputs;
        private final long[] current;
        private final IngestSink sink;
        private long totalAtLastStart;

        Progress(int lanes, IngestSink sink) {
            this.finishedInputs = new long[lanes];
            this.current = new long[lanes];
            this.sink = sink;
        }

        void started(int lane, Started s) {
            finishedInputs[lane] += current[lane];
            current[lane] = 0;
            totalAtLastStart = total();
            sink.onInputStart(s.input(), s.format(), s.source());
        }

        void bytes(int lane, long total) {
            current[lane] = total;
            sink.onBytesRead(total() - totalAtLastStart);
        }

        private long total() {
            long sum = 0;
            for (int i = 0; i < current.length; i++) {
                sum += finishedInputs[i] + current[i];
            }
            return sum;
        }
    }

    /** A lane's thread was interrupted while its queue was full: the merge is over. */
    private static final class InterruptedQueueException extends RuntimeException {
        InterruptedQueueException() {
            super(null, null, false, false);
        }
    }
}
