package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.respond.run.Clients;
import dev.cloudwarden.app.respond.run.ResponseRunner;
import picocli.CommandLine.Option;

import java.util.Optional;

/** How {@code respond} reaches the clouds it acts on: the AWS account and region, the Kubernetes cluster. */
public final class ResponseClientOptions {
    @Option(names = "--region", paramLabel = "REGION", description = "The AWS region (default: the SDK's region chain).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "An AWS profile of ~/.aws/config.")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "One endpoint for every AWS service (a local fake such as `cloudwarden simulate aws-api`).")
    String endpointUrl;

    @Option(names = "--no-wait", description = "Do not pause between polls (snapshots, DNS changes): for fakes that answer at once.")
    boolean noWait;

    /** Adds the clients it can build; says what is missing (no credentials) when a live run cannot go ahead. */
    Optional<String> configure(Clients clients) {
        return Optional.empty();
    }

    ResponseRunner.Pauser pauser() {
        return noWait ? ResponseRunner.Pauser.NONE : ResponseRunner.Pauser.SLEEP;
    }
}
