package dev.cloudwarden.app.live.s3;

import dev.cloudwarden.app.live.CountingSink;
import dev.cloudwarden.app.live.LiveStats;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.read.Input;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.time.Instant;

/**
 * Reads one CloudTrail delivery from S3 through the engine's ingestor (gzip, the {@code Records} document, the
 * CloudTrail parser) as {@code s3://bucket/key}, so its events and origins are those {@code scan} gives for the same
 * bytes. Digest files carry no events and are skipped (reported as skips). Shared by prefix polling and SQS
 * notifications.
 */
final class S3ObjectReader {
    private final S3Client s3;
    private final Ingestor ingestor;
    private final LiveStats stats;
    private final CountingSink sink;

    S3ObjectReader(S3Client s3, Ingestor ingestor, LiveStats stats, CountingSink sink) {
        this.s3 = s3;
        this.ingestor = ingestor;
        this.stats = stats;
        this.sink = sink;
    }

    /**
     * An object that could not be fetched.
     *
     * @param retryable false when asking again cannot help (the object is gone, access is denied, the request is
     *                  refused): any 4xx but a timeout or throttling; true for 5xx, throttling and network failures
     */
    record Unread(String object, String reason, boolean retryable) {
    }

    static String name(String bucket, String key) {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * Reads {@code key} and hands what it holds to the sink (unreadable content inside it is rejected there).
     *
     * @param modified when the object was written as a listing gave it, or null to take GetObject's
     * @return null when the object was read or skipped; why not when it could not be fetched (not yet reported:
     *         the caller decides between a rejection and a retry)
     */
    Unread read(String bucket, String key, Instant modified) {
        String name = name(bucket, key);
        if (key.contains("CloudTrail-Digest")) {
            sink.onSkipped(Origin.line(name, 0), "CloudTrail digest file");
            return null;
        }
        ResponseBytes<GetObjectResponse> object;
        try {
            object = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build());
        } catch (SdkException e) {
            return new Unread(name, "cannot read the object: " + e.getMessage(), retryable(e));
        }
        byte[] bytes = object.asByteArray();
        stats.bytesRead(bytes.length);
        ingestor.read(Input.bytes(name, bytes, modified != null ? modified : object.response().lastModified()), sink);
        return null;
    }

    /** Reports an object that will not be read as a rejection naming it. */
    void reject(Unread unread) {
        sink.onRejected(Rejection.of(Origin.line(unread.object(), 0), unread.reason(), null));
    }

    private static boolean retryable(SdkException e) {
        if (e instanceof SdkServiceException s) {
            int status = s.statusCode();
            return status < 400 || status >= 500 || status == 408 || s.isThrottlingException();
        }
        return true;
    }
}
