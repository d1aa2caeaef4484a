package dev.cloudwarden.app.live;

import dev.cloudwarden.engine.ingest.IngestSink;

/**
 * Where a live input hands what it reads (events, rejections, skips: the calls of {@link IngestSink}, on the input's
 * thread), and the other half of its checkpoint protocol.
 *
 * <p><b>Protocol.</b> After handing over a batch, the input calls {@link #checkpoint}. The consumer makes everything it
 * received before that call durable (its sinks flushed: alerts and incidents stored, rejections quarantined), then
 * runs {@code durable}: now or later, on any thread. Only then does the input commit its positions (and, for SQS,
 * delete the messages read). A consumer that cannot make the data durable never runs {@code durable}: the positions
 * stay where they were and a restart reads the same records again. Checkpoints complete in order; running a later
 * one's {@code durable} covers the earlier ones.
 */
public interface LiveConsumer extends IngestSink {
    void checkpoint(Runnable durable);
}
