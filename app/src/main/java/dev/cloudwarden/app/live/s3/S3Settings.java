package dev.cloudwarden.app.live.s3;

import dev.cloudwarden.app.aws.AwsClientConfig;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/**
 * How to reach S3: the region, an endpoint override (a local fake, a VPC endpoint, MinIO) with path-style access,
 * and credentials: the SDK's default chain, or a static key pair when both are given (tests). The SQS client of a
 * notification queue is built the same way, with the queue's own region and endpoint ({@link QueueUrl}).
 */
public record S3Settings(String region, URI endpoint, boolean pathStyle, String accessKeyId, String secretAccessKey) {
    public AwsCredentialsProvider credentials() {
        return config(region, endpoint).credentials();
    }

    public S3Client s3() {
        return config(region, endpoint).configure(S3Client.builder().forcePathStyle(pathStyle)).build();
    }

    /** A client of the queue at {@code queue}: its region, its endpoint, these credentials. */
    public SqsClient sqs(QueueUrl queue) {
        return config(queue.region(region), queue.endpoint()).configure(SqsClient.builder()).build();
    }

    /** What every client shares ({@link AwsClientConfig}): static keys when both are given, else the default chain. */
    private AwsClientConfig config(String region, URI endpoint) {
        return accessKeyId != null && secretAccessKey != null
                ? AwsClientConfig.withKeys(region, endpoint, accessKeyId, secretAccessKey)
                : AwsClientConfig.of(region, endpoint, null);
    }
}
