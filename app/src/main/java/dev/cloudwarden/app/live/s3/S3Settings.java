package dev.cloudwarden.app.live.s3;

import dev.cloudwarden.app.aws.SdkClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
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
        return accessKeyId != null && secretAccessKey != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey))
                : DefaultCredentialsProvider.builder().build();
    }

    public S3Client s3() {
        return configure(S3Client.builder().forcePathStyle(pathStyle), region, endpoint).build();
    }

    /** A client of the queue at {@code queue}: its region, its endpoint, these credentials. */
    public SqsClient sqs(QueueUrl queue) {
        return configure(SqsClient.builder(), queue.region(region), queue.endpoint()).build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, String region,
                                                                                        URI endpoint) {
        return SdkClients.configure(builder, region, endpoint, credentials());
    }
}
