package dev.cloudwarden.app.posture.aws;

import dev.cloudwarden.app.aws.AwsClientConfig;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

import java.net.URI;

/**
 * How the live scan reaches an account: the credentials (the SDK's default chain, of {@code profile} when given; a
 * fixed provider in tests), an endpoint override, and the standard retry mode, so throttling and transient errors
 * are retried with backoff before a call counts as failed.
 */
public record AwsAccess(String profile, URI endpoint, AwsCredentialsProvider credentials) {
    /** {@code credentials} null: the default chain, built once (it caches what it resolves). */
    public AwsAccess {
        if (credentials == null) {
            credentials = profile == null ? DefaultCredentialsProvider.builder().build()
                    : DefaultCredentialsProvider.builder().profileName(profile).build();
        }
    }

    /** Fails early, with what to do, when no credentials can be found: every call would fail the same way. */
    void requireCredentials() {
        try {
            credentials.resolveCredentials();
        } catch (SdkClientException e) {
            throw new AwsScanException("no AWS credentials found" + (profile == null ? "" : " for profile " + profile)
                    + ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), AWS_PROFILE or "
                    + "--profile with a profile in ~/.aws/credentials or ~/.aws/config (aws configure, aws sso login), "
                    + "or run where an instance or container role is available (" + e.getMessage() + ")");
        }
    }

    /** The region of the SDK's default chain (AWS_REGION, the profile's region, instance metadata). */
    String defaultRegion() {
        try {
            var chain = profile == null ? DefaultAwsRegionProviderChain.builder().build()
                    : DefaultAwsRegionProviderChain.builder().profileName(profile).build();
            return chain.getRegion().id();
        } catch (SdkClientException e) {
            throw new AwsScanException("no AWS region given: pass --region (repeatable) or --all-regions, or set "
                    + "AWS_REGION or the profile's region");
        }
    }

    /** A local fake or LocalStack-like answers at one address: S3 buckets by path, not by host name. */
    boolean hasEndpoint() {
        return endpoint != null;
    }

    <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B client(B builder, String region) {
        return new AwsClientConfig(region, endpoint, credentials, AwsClientConfig.standardRetry()).configure(builder);
    }
}
