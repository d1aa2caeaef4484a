package dev.cloudwarden.app.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;

/**
 * What every AWS SDK client of CloudWarden shares, whichever feature builds it (the live S3 and SQS inputs, the live
 * posture scan): a region, credentials, the JDK's HTTP client (no Netty or Apache client to carry), and an endpoint
 * override when one is given (a local fake, a VPC endpoint, LocalStack or MinIO).
 */
public final class SdkClients {
    private SdkClients() {
    }

    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, String region, URI endpoint, AwsCredentialsProvider credentials) {
        builder.region(Region.of(region)).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }
}
