package dev.cloudwarden.app.live.s3;

import java.time.Duration;

/**
 * How an SQS input receives.
 *
 * @param maxMessages messages per ReceiveMessage, 1-10 (SQS's limit)
 * @param waitSeconds how long a ReceiveMessage waits for a message, 0-20; short, because the poller's thread serves
 *                    every input in turn and stops only between polls
 * @param depthEvery  how often the queue's depth (the lag) is asked for: GetQueueAttributes costs a request, and
 *                    SQS's counts are approximate anyway
 */
public record SqsOptions(int maxMessages, int waitSeconds, Duration depthEvery) {
    public SqsOptions {
        if (maxMessages < 1 || maxMessages > 10) {
            throw new IllegalArgumentException("SQS receives 1 to 10 messages at a time, not " + maxMessages);
        }
        if (waitSeconds < 0 || waitSeconds > 20) {
            throw new IllegalArgumentException("SQS waits 0 to 20 seconds for messages, not " + waitSeconds);
        }
        if (depthEvery == null || depthEvery.isNegative()) {
            throw new IllegalArgumentException("the queue depth interval must be zero or more");
        }
    }

    public static SqsOptions defaults() {
        return new SqsOptions(10, 1, Duration.ofSeconds(30));
    }
}
