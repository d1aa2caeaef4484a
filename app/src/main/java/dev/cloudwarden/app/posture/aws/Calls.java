package dev.cloudwarden.app.posture.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Makes one service's calls in one region so that a failed call costs only what it would have described: the SDK
 * has already retried what can be retried (throttling, 5xx, a dropped connection: the standard retry mode), so a
 * failure left is recorded ({@link CallFailure}) and the scan goes on.
 */
final class Calls {
    private final String service;
    private final String region;
    private final List<CallFailure> failures;

    Calls(String service, String region, List<CallFailure> failures) {
        this.service = service;
        this.region = region;
        this.failures = failures;
    }

    String region() {
        return region;
    }

    /** The call's answer; null when it failed. */
    <T> T get(String operation, Supplier<T> call) {
        Answer<T> a = configured(operation, Set.of(), call);
        return a.failed() ? null : a.value();
    }

    /**
     * A call whose error codes in {@code notConfigured} mean the setting is absent (S3's NoSuchBucketPolicy, IAM's
     * NoSuchEntity for a password policy), which is an answer, not a failure.
     */
    <T> Answer<T> configured(String operation, Set<String> notConfigured, Supplier<T> call) {
        try {
            return Answer.of(call.get());
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (code != null && notConfigured.contains(code)) {
                return Answer.absent();
            }
            fail(operation, code == null ? e.getMessage()
                    : code + (e.awsErrorDetails().errorMessage() == null ? "" : ": " + e.awsErrorDetails().errorMessage()));
            return Answer.failure();
        } catch (SdkException e) {
            fail(operation, e.getMessage());
            return Answer.failure();
        }
    }

    /** An output of this service in this region, named after its operation as the CLI names its commands. */
    LiveDocument document(String operation, java.util.Map<String, Object> content) {
        return new LiveDocument(service, region, operation.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT),
                content);
    }

    void fail(String operation, String reason) {
        failures.add(new CallFailure(service, operation, region, reason));
    }

    /** A call's outcome: its answer, "not configured" (value null), or failed. */
    record Answer<T>(T value, boolean failed) {
        static <T> Answer<T> of(T value) {
            return new Answer<>(value, false);
        }

        static <T> Answer<T> absent() {
            return new Answer<>(null, false);
        }

        static <T> Answer<T> failure() {
            return new Answer<>(null, true);
        }
    }
}
