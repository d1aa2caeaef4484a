package dev.cloudwarden.app.live.s3;

import dev.cloudwarden.app.live.Checkpointer;
import dev.cloudwarden.app.live.CountingSink;
import dev.cloudwarden.app.live.InputHealth;
import dev.cloudwarden.app.live.LiveConsumer;
import dev.cloudwarden.app.live.LiveInput;
import dev.cloudwarden.app.live.LiveStats;
import dev.cloudwarden.app.live.Offsets;
import dev.cloudwarden.app.live.Position;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.Rejection;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * CloudTrail deliveries announced on an SQS queue: S3 event notifications, directly or through SNS, CloudTrail's own
 * SNS notifications, EventBridge "Object Created" events ({@link S3Notifications}). Each poll receives up to ten
 * messages and reads the objects they name from the bucket each names, through {@link S3ObjectReader}.
 *
 * <p><b>Deletion after durability.</b> A message is deleted only once the consumer has made everything read from it
 * durable and the checkpoint is committed. Until then SQS keeps it, and redelivers it after the visibility timeout
 * ({@link SqsOptions#visibilitySeconds()}, asked for on each receive) if the service stops or the consumer never
 * completes; events read twice get the same alert ids, which the store upserts. SQS has no offsets: the committed
 * position is a marker naming the last message handed over, for health. The commit completes on the consumer's
 * thread (serve: the store's writer), which must not wait on SQS; it hands the receipt handles back, and the next
 * poll deletes them (so does {@link #close()}). Messages whose commit completes after the input is closed (the last
 * batch of a stopping service) are not deleted: the next start reads them again.
 *
 * <p><b>Failures.</b> A message that can never be read (not JSON, an unknown shape) is rejected, naming the queue and
 * the message id and keeping the body, and deleted after the checkpoint like the others: left on the queue it would
 * come back for ever. An object that cannot be fetched for good (404, 403: any 4xx but throttling) is a rejection
 * naming {@code s3://bucket/key}, and its message is deleted; a transient failure (5xx, throttling, the network) leaves
 * the message on the queue, so SQS delivers it again after the visibility timeout (the other objects of that message
 * are read again too; a redrive policy moves a message that keeps failing to a dead-letter queue). Keys outside the
 * configured prefix are skipped, as are digest files and notices of anything but new objects.
 *
 * <p><b>Lag</b> is the number of messages on the queue not yet deleted, waiting or in flight
 * ({@code ApproximateNumberOfMessages} + {@code ApproximateNumberOfMessagesNotVisible}) as SQS last reported it:
 * approximate, counting every consumer of the queue, and asked for at most every {@link SqsOptions#depthEvery()}.
 */
public final class SqsCloudTrail implements LiveInput {
    private final SqsClient sqs;
    private final S3Client s3;
    private final QueueUrl queue;
    private final String prefix;
    private final SqsOptions options;
    private final LiveConsumer consumer;
    private final Clock clock;
    private final LiveStats stats;
    private final CountingSink sink;
    private final S3ObjectReader reader;
    private final Checkpointer checkpointer;
    private final Queue<List<String>> committed = new ConcurrentLinkedQueue<>();
    private Instant nextDepthAt;

    /** @param prefix keys to read start with it; empty for every key announced */
    public SqsCloudTrail(String name, SqsClient sqs, S3Client s3, QueueUrl queue, String prefix, Ingestor ingestor,
                         Offsets offsets, LiveConsumer consumer, Clock clock, SqsOptions options) {
        this.sqs = sqs;
        this.s3 = s3;
        this.queue = queue;
        this.prefix = prefix == null ? "" : prefix;
        this.options = options;
        this.consumer = consumer;
        this.clock = clock;
        this.stats = new LiveStats(name, "messages", clock);
        this.sink = new CountingSink(consumer, stats);
        this.reader = new S3ObjectReader(s3, ingestor, stats, sink);
        this.checkpointer = new Checkpointer(name, offsets, stats);
        stats.followed(1);
    }

    @Override
    public InputHealth health() {
        return stats.health();
    }

    @Override
    public boolean poll() {
        deleteCommitted();
        refreshDepth();
        List<Message> messages;
        try {
            messages = sqs.receiveMessage(r -> r.queueUrl(queue.toString()).maxNumberOfMessages(options.maxMessages())
                    .waitTimeSeconds(options.waitSeconds()).visibilityTimeout(options.visibilitySeconds())).messages();
        } catch (SdkException e) {
            stats.error(queue + ": cannot receive messages: " + e.getMessage());
            return false;
        }
        if (messages.isEmpty()) {
            return false;
        }
        List<String> done = new ArrayList<>();
        for (Message m : messages) {
            if (handle(m)) {
                done.add(m.receiptHandle());
            }
        }
        Position marker = Position.marker(queue.toString(), messages.get(messages.size() - 1).messageId());
        checkpointer.request(consumer, List.of(marker), () -> committed.add(done));
        return true;
    }

    /** Reads what the message announces; true when it may be deleted once that is durable. */
    private boolean handle(Message m) {
        boolean retry = false;
        for (Notice n : S3Notifications.parse(m.body())) {
            if (n instanceof Notice.Created c) {
                retry |= read(c);
            } else if (n instanceof Notice.Ignored i) {
                sink.onSkipped(Origin.line(i.object() != null ? i.object() : queue.toString(), 0),
                        i.object() != null ? i.reason() : "message " + m.messageId() + ": " + i.reason());
            } else if (n instanceof Notice.Malformed x) {
                sink.onRejected(Rejection.of(Origin.line(queue.toString(), 0),
                        "message " + m.messageId() + ": " + x.reason(), m.body()));
            } else {
                throw new AssertionError(n);
            }
        }
        return !retry;
    }

    /** Reads one announced object; true when it failed in a way worth retrying. */
    private boolean read(Notice.Created c) {
        if (!c.key().startsWith(prefix)) {
            sink.onSkipped(Origin.line(S3ObjectReader.name(c.bucket(), c.key()), 0), "outside the prefix " + prefix);
            return false;
        }
        S3ObjectReader.Unread unread = reader.read(c.bucket(), c.key(), null);
        if (unread == null) {
            return false;
        }
        if (unread.retryable()) {
            stats.error(unread.object() + ": " + unread.reason() + "; its message stays on the queue to be retried");
            return true;
        }
        reader.reject(unread);
        return false;
    }

    private void deleteCommitted() {
        for (List<String> receipts; (receipts = committed.poll()) != null; ) {
            if (!receipts.isEmpty()) {
                delete(receipts);
            }
        }
    }

    private void delete(List<String> receipts) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < receipts.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(receipts.get(i))
                    .build());
        }
        try {
            DeleteMessageBatchResponse response = sqs.deleteMessageBatch(r -> r.queueUrl(queue.toString())
                    .entries(entries));
            if (!response.failed().isEmpty()) {
                stats.error(queue + ": cannot delete " + response.failed().size() + " messages ("
                        + response.failed().stream().map(f -> f.code() + ": " + f.message()).distinct()
                        .collect(Collectors.joining("; ")) + "); they will be read again");
            }
        } catch (SdkException e) {
            stats.error(queue + ": cannot delete " + receipts.size() + " messages (" + e.getMessage()
                    + "); they will be read again");
        }
    }

    private void refreshDepth() {
        Instant now = clock.instant();
        if (nextDepthAt != null && now.isBefore(nextDepthAt)) {
            return;
        }
        nextDepthAt = now.plus(options.depthEvery());
        try {
            Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(queue.toString())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            stats.lag(count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                    + count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        } catch (SdkException | NumberFormatException e) {
            stats.error(queue + ": cannot read the queue's depth (the lag): " + e.getMessage());
        }
    }

    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        return Long.parseLong(attributes.getOrDefault(name, "0"));
    }

    @Override
    public void close() {
        deleteCommitted();
        sqs.close();
        s3.close();
    }
}
