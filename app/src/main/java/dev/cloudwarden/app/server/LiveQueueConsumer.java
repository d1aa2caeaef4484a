package dev.cloudwarden.app.server;

import dev.cloudwarden.app.live.LiveConsumer;
import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * A live input's events into the detection queue. Events gather until the input asks for a checkpoint, and then go
 * as one batch whose completion is the checkpoint's: the input commits its positions only after the detection loop
 * has written what came of them to the store. A full queue makes the input wait (it reads no further), so a burst of
 * log lines slows reading down instead of growing memory. Rejected records are logged with file, line and reason and
 * counted; they do not block the checkpoint (a rejection is final: reading the line again would reject it again).
 */
final class LiveQueueConsumer implements LiveConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(LiveQueueConsumer.class);
    private static final int MAX_PENDING = 10_000;

    private final String input;
    private final EventQueue queue;
    private final ServiceMetrics metrics;
    private List<Event> pending = new ArrayList<>();

    LiveQueueConsumer(String input, EventQueue queue, ServiceMetrics metrics) {
        this.input = input;
        this.queue = queue;
        this.metrics = metrics;
    }

    @Override
    public void onEvent(Event event) {
        pending.add(event);
        if (pending.size() >= MAX_PENDING) {
            hand(null);
        }
    }

    @Override
    public void onRejected(Rejection rejection) {
        metrics.rejected.labelValues(input).inc();
        LOG.warn("{}:{}: {}", TerminalText.safe(rejection.origin().input()), rejection.origin().line(),
                TerminalText.safe(rejection.reason()));
    }

    @Override
    public void checkpoint(Runnable durable) {
        hand(durable);
    }

    private void hand(Runnable durable) {
        List<Event> batch = pending;
        pending = new ArrayList<>();
        metrics.eventsReceived.labelValues(input).inc(batch.size());
        try {
            queue.put(new EventQueue.Batch(input, batch, durable));
        } catch (InterruptedException e) {
            // stopping: the positions stay where they were, so a restart reads these records again
            Thread.currentThread().interrupt();
        }
    }
}
