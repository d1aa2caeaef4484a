package dev.cloudwarden.app.live;

import java.time.Instant;

/**
 * One live input's health, for serve's health endpoint.
 *
 * @param followed      files followed (S3: prefixes or the queue)
 * @param bytesRead     bytes read (compressed bytes for .gz objects)
 * @param records       lines and records read: events + rejected + skipped
 * @param lag           how far behind: bytes not yet read at the end of the followed files (S3: objects listed but
 *                      not yet read; SQS: messages on the queue not yet deleted, as SQS approximates them)
 * @param lagUnit       {@code bytes}, {@code objects} or {@code messages}
 * @param lastError     the last problem (a rejected line, an unreadable object, a truncation), or null
 * @param lastCommitted when positions were last committed, or null
 */
public record InputHealth(String input, long followed, long bytesRead, long records, long events, long rejected,
                          long lag, String lagUnit, String lastError, Instant lastErrorAt, Instant lastCommitted) {
}
