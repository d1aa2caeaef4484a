package dev.cloudwarden.app.live.s3;

/** One thing a queue message announces ({@link S3Notifications}). */
sealed interface Notice permits Notice.Created, Notice.Ignored, Notice.Malformed {
    /** A new object to read. The key is decoded (as S3 stores it). */
    record Created(String bucket, String key) implements Notice {
    }

    /**
     * Nothing to read and nothing wrong: a test event, a deletion, an SNS subscription message.
     *
     * @param object {@code s3://bucket/key} when the notice is about one object, null when about the message
     */
    record Ignored(String object, String reason) implements Notice {
    }

    /** A message, or a record in it, that cannot be understood, now or ever. */
    record Malformed(String reason) implements Notice {
    }
}
