package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.aws.AwsClientConfig;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The AWS clients response actions use, built on first use from one {@link AwsClientConfig} (region, endpoint
 * override, credentials, standard retries), so a plan or a response that touches only IAM opens no EC2 client. S3 is
 * path-style when the endpoint is overridden: a single-host fake cannot serve bucket subdomains.
 */
public final class AwsClients implements AutoCloseable {
    private final AwsClientConfig config;
    private final List<SdkClient> open = new ArrayList<>();
    private Ec2Client ec2;
    private IamClient iam;
    private StsClient sts;
    private S3Client s3;
    private Route53Client route53;
    private AutoScalingClient autoScaling;
    private ElasticLoadBalancingV2Client elbv2;
    private ClassicElb classicElb;
    private CloudTrailClient cloudTrail;

    public AwsClients(AwsClientConfig config) {
        this.config = config;
    }

    public AwsClientConfig config() {
        return config;
    }

    /** See {@link AwsClientConfig#credentialsProblem()}: callers fall back to a dry run with this message. */
    public Optional<String> credentialsProblem() {
        return config.credentialsProblem();
    }

    public synchronized Ec2Client ec2() {
        return ec2 = made(ec2, () -> config.configure(Ec2Client.builder()).build());
    }

    public synchronized IamClient iam() {
        return iam = made(iam, () -> config.configure(IamClient.builder()).build());
    }

    public synchronized StsClient sts() {
        return sts = made(sts, () -> config.configure(StsClient.builder()).build());
    }

    public synchronized S3Client s3() {
        return s3 = made(s3, () -> config.configure(S3Client.builder().forcePathStyle(config.endpoint() != null)).build());
    }

    public synchronized Route53Client route53() {
        return route53 = made(route53, () -> config.configure(Route53Client.builder()).build());
    }

    public synchronized AutoScalingClient autoScaling() {
        return autoScaling = made(autoScaling, () -> config.configure(AutoScalingClient.builder()).build());
    }

    public synchronized ElasticLoadBalancingV2Client elbv2() {
        return elbv2 = made(elbv2, () -> config.configure(ElasticLoadBalancingV2Client.builder()).build());
    }

    public synchronized ClassicElb classicElb() {
        if (classicElb == null) {
            classicElb = new ClassicElb(config);
        }
        return classicElb;
    }

    public synchronized CloudTrailClient cloudTrail() {
        return cloudTrail = made(cloudTrail, () -> config.configure(CloudTrailClient.builder()).build());
    }

    private <C extends SdkClient> C made(C existing, Supplier<C> build) {
        if (existing != null) {
            return existing;
        }
        C client = build.get();
        open.add(client);
        return client;
    }

    @Override
    public synchronized void close() {
        open.forEach(SdkClient::close);
        open.clear();
        if (classicElb != null) {
            classicElb.close();
        }
    }
}
