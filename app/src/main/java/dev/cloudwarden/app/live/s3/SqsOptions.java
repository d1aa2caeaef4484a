package dev.cloudwarden.app.live.s3;

import java.time.Duration;

/**
 * How an SQS input receives.
 *
 * @param maxMessages messages per ReceiveMessage, 1-10 (SQS's limit)
 * @param waitSeconds how long a ReceiveMessage waits for a message, 0-20; short, because the poller's thread serves
 *                    every input in turn and stops only between polls
 * @param visibilitySeconds how long a received message stays hidden from other receives, 1-43200: longer than the
 *                    time from reading it to the consumer making it durable (serve commits at least every 30 seconds
 *                    under load, the queue's default visibility), or SQS delivers it again, it is read twice and its
 *                    old receipt handle no longer deletes it; also how long a message left for a retry waits
 * @param depthEvery  how often the queue's depth (the lag) is asked for: GetQueueAttributes costs a request, and
 *                    SQS's counts are approximate anyway
 */
public record SqsOptions(int maxMessages, int waitSeconds, int visibilitySeconds, Duration depthEvery) {
    public SqsOptions {
        if (maxMessages < 1 || maxMessages > 10) {
            throw new IllegalArgumentException("SQS receives 1 to 10 messages at a time, not " + maxMessages);
        }
        if (waitSeconds < 0 || waitSeconds > 20) {
            throw new IllegalArgumentException("SQS waits 0 to 20 seconds for messages, not " + waitSeconds);
        }
        if (visibilitySeconds < 1 || visibilitySeconds > 43_200) {
            throw new IllegalArgumentException("SQS hides a message 1 to 43200 seconds, not " + visibilitySeconds);
        }
        if (depthEvery == null || depthEvery.isNegative()) {
            throw new IllegalArgumentException("the queue depth interval must be zero or more");
        }
    }

    public static SqsOptions defaults() {
        return new SqsOptions(10, 1, 300, Duration.ofSeconds(30));
    }
}
