package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.aws.AwsClientConfig;
import dev.cloudwarden.app.respond.aws.AwsClients;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class SimulateAwsApiCommandTest {

    @Test
    void servesTheSimulatedEstatesAwsUntilStopped() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CompletableFuture<CliRun> run = new CompletableFuture<>();
        Thread server = new Thread(() -> run.complete(CliRun.of("simulate", "aws-api", "--port", String.valueOf(port))));
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        waitForListener(port);
        try (AwsClients clients = new AwsClients(AwsClientConfig.withKeys("us-east-1", endpoint, "test", "test"))) {
            assertThat(clients.sts().getCallerIdentity().account()).isEqualTo("111122223333");
            assertThat(clients.ec2().describeInstances().reservations()).hasSize(6);
        }
        server.interrupt();
        CliRun done = run.get();
        assertThat(done.exitCode()).isZero();
        assertThat(done.err()).contains("Fake AWS (simulated estate) at http://127.0.0.1:" + port);
    }

    private static void waitForListener(int port) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(25);
            }
        }
        throw new AssertionError("nothing listens on " + port);
    }

    @Test
    void simulateStillNeedsOut() {
        CliRun run = CliRun.of("simulate");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--out");
    }
}
