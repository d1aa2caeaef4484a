package dev.cloudwarden.app.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;

import java.net.URI;
import java.util.Optional;

/**
 * How every SDK client of CloudWarden reaches AWS (the live S3 input, the response actions): the region, an optional
 * endpoint override (a VPC endpoint, or one URL for all services as LocalStack-likes and the simulated AWS serve), the
 * credentials, the JDK's HTTP client, and the retry policy.
 *
 * <p><b>Retries.</b> The SDK's standard mode: exponential backoff with jitter, a longer base for throttling, and the
 * throttling codes it knows ({@code Throttling}, {@code RequestLimitExceeded}, S3's 503 {@code SlowDown}) retried
 * like 5xx errors. {@value #MAX_ATTEMPTS} attempts rather than the default three: a response runs while an incident
 * may be flooding the same account's API quota, and giving up on a containment step is worse than waiting.
 *
 * @param credentials the SDK's default chain, a named profile, or a static pair (tests); see the factories
 */
public record AwsClientConfig(String region, URI endpoint, AwsCredentialsProvider credentials, RetryStrategy retry) {
    public static final int MAX_ATTEMPTS = 5;

    /** Credentials from the default chain (environment, profile, container or instance role), or from {@code profile}. */
    public static AwsClientConfig of(String region, URI endpoint, String profile) {
        AwsCredentialsProvider credentials = profile == null || profile.isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.builder().profileName(profile).build();
        return new AwsClientConfig(region, endpoint, credentials, standardRetry());
    }

    /** A fixed key pair: tests against a fake, or the live input's explicit keys. */
    public static AwsClientConfig withKeys(String region, URI endpoint, String accessKeyId, String secretAccessKey) {
        return new AwsClientConfig(region, endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)), standardRetry());
    }

    public static RetryStrategy standardRetry() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build();
    }

    public AwsClientConfig withRetry(RetryStrategy strategy) {
        return new AwsClientConfig(region, endpoint, credentials, strategy);
    }

    /** Sets region, credentials, HTTP client, retries and (when given) the endpoint on any synchronous client builder. */
    public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.region(Region.of(region)).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(retry).build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    /**
     * Why no credentials can be had, or empty when they can: resolving them makes no call to AWS for static keys and
     * profiles (a container or instance role asks its local metadata endpoint), so a caller can check before it
     * starts and fall back to a dry run with this message.
     */
    public Optional<String> credentialsProblem() {
        try {
            credentials.resolveCredentials();
            return Optional.empty();
        } catch (SdkClientException | IllegalArgumentException | IllegalStateException e) {
            return Optional.of("no AWS credentials: " + e.getMessage().lines().findFirst().orElse("")
                    + " (set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run the plan only)");
        }
    }
}
