package dev.cloudwarden.app.live.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;

/**
 * How to reach S3: the region, an endpoint override (a local fake, a VPC endpoint, MinIO) with path-style access,
 * and credentials: the SDK's default chain, or a static key pair when both are given (tests).
 */
public record S3Settings(String region, URI endpoint, boolean pathStyle, String accessKeyId, String secretAccessKey) {
    public AwsCredentialsProvider credentials() {
        return accessKeyId != null && secretAccessKey != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey))
                : DefaultCredentialsProvider.builder().build();
    }

    public S3Client s3() {
        var b = S3Client.builder().region(Region.of(region)).credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .forcePathStyle(pathStyle);
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        return b.build();
    }
}
