package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.aws.AwsClientConfig;
import dev.cloudwarden.app.respond.aws.AwsClients;
import dev.cloudwarden.app.respond.evidence.EvidenceFolder;
import dev.cloudwarden.app.respond.evidence.EvidenceStore;
import dev.cloudwarden.app.respond.run.Clients;
import dev.cloudwarden.app.respond.run.PlannedStep;
import dev.cloudwarden.app.respond.run.ResponsePlan;
import dev.cloudwarden.app.respond.run.ResponseRunner;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How {@code respond} reaches what it acts on: the AWS account (credentials from the SDK's chain or a profile, a
 * region, an endpoint for a fake), the Kubernetes cluster (kubeconfig and context), and the folder evidence is kept
 * in. Only the clients the plans need are made; one that cannot be made turns the run into a dry run, with why.
 */
public final class ResponseClientOptions {
    @Option(names = "--region", paramLabel = "REGION", description = "The AWS region (default: the SDK's region chain).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "An AWS profile of ~/.aws/config.")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "One endpoint for every AWS service (a local fake such as `cloudwarden simulate aws-api`).")
    URI endpointUrl;

    @Option(names = "--kube-context", paramLabel = "NAME", description = "The kubeconfig context (default: the current one).")
    String kubeContext;

    @Option(names = "--evidence", paramLabel = "DIR",
            description = "Where evidence is kept (pod specs and logs, console output, firewall scripts). "
                    + "Default: evidence/ beside the store.")
    Path evidence;

    @Option(names = "--no-wait", description = "Do not pause between polls (snapshots, DNS changes): for fakes that answer at once.")
    boolean noWait;

    /**
     * Adds the clients the plans' actions need; when one cannot be made (no AWS credentials or region, no kubeconfig),
     * says so, and the command shows the plan only.
     */
    Optional<String> configure(Clients clients, List<ResponsePlan> plans, Path storeFolder) {
        List<String> problems = new ArrayList<>();
        clients.with(EvidenceStore.class, new EvidenceFolder(evidence != null ? evidence
                : (storeFolder != null ? storeFolder : Path.of(".")).resolve("evidence")));
        if (uses(plans, "aws.")) {
            String r = region != null ? region : defaultRegion(problems);
            if (r != null) {
                AwsClients aws = new AwsClients(AwsClientConfig.of(r, endpointUrl, profile));
                aws.credentialsProblem().ifPresentOrElse(problems::add, () -> clients.with(AwsClients.class, aws));
            }
        }
        if (uses(plans, "k8s.")) {
            Config config = kubeContext == null ? Config.autoConfigure(null) : Config.autoConfigure(kubeContext);
            if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()
                    || config.getMasterUrl().equals("https://kubernetes.default.svc/") && System.getenv("KUBERNETES_SERVICE_HOST") == null) {
                problems.add("no Kubernetes cluster configured: set KUBECONFIG or ~/.kube/config (and --kube-context)");
            } else {
                KubernetesClient k8s = new KubernetesClientBuilder().withConfig(config).build();
                clients.with(KubernetesClient.class, k8s);
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private String defaultRegion(List<String> problems) {
        if (endpointUrl != null) {
            return "us-east-1"; // a fake answers for any region; the SDK still needs one to sign with
        }
        try {
            var chain = profile == null ? DefaultAwsRegionProviderChain.builder().build()
                    : DefaultAwsRegionProviderChain.builder().profileName(profile).build();
            return chain.getRegion().id();
        } catch (SdkClientException e) {
            problems.add("no AWS region: pass --region or set AWS_REGION");
            return null;
        }
    }

    private static boolean uses(List<ResponsePlan> plans, String prefix) {
        return plans.stream().flatMap(p -> p.steps().stream()).filter(s -> s.skipReason() == null)
                .map(PlannedStep::action).anyMatch(a -> a.name().startsWith(prefix));
    }

    ResponseRunner.Pauser pauser() {
        return noWait ? ResponseRunner.Pauser.NONE : ResponseRunner.Pauser.SLEEP;
    }
}
