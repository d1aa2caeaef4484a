package dev.cloudwarden.app.cli;

import dev.cloudwarden.simulate.cloud.FakeAws;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code cloudwarden simulate aws-api}: the simulated estate's AWS on a loopback port (EC2, IAM, STS, S3, Route 53,
 * Auto Scaling, ELB, CloudTrail), stateful, for trying response actions and playbooks without an account.
 */
@Command(name = "aws-api", mixinStandardHelpOptions = true,
        description = {"Serves a stateful fake of the AWS APIs the response actions call, seeded with the simulated "
                + "estate (instances, volumes, groups, buckets, users and keys the scenarios touch), on 127.0.0.1.",
                "Point clients at it with an endpoint override (AWS_ENDPOINT_URL) and any credentials."})
public final class SimulateAwsApiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "4566", description = "Port on 127.0.0.1 (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Override
    public Integer call() throws IOException {
        try (FakeAws fake = FakeAws.startWithEstate(port)) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf("Fake AWS (simulated estate) at %s%n  export AWS_ENDPOINT_URL=%s AWS_REGION=us-east-1 "
                    + "AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test%n",
                    fake.endpoint(), fake.endpoint());
            err.flush();
            Thread.currentThread().join();
        } catch (InterruptedException stopped) {
            // Ctrl-C ends the JVM; an embedding caller (a test) stops it by interrupting the thread
            Thread.currentThread().interrupt();
        }
        return CloudWardenCli.EXIT_OK;
    }
}
