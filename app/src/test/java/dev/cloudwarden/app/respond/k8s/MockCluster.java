package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.app.respond.FakeActionContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's mock API server in the test JVM, in CRUD mode (it keeps what is created, patched and deleted, so a test
 * asserts the cluster's final state) with expectations answered first where a test sets some (pod logs, which the CRUD
 * mode does not serve; a 403). Plain HTTP on loopback.
 */
final class MockCluster implements AutoCloseable {
    final KubernetesMockServer server;
    final KubernetesClient client;

    MockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        client = server.createClient();
    }

    /** A context for response {@code responseId} with this cluster's client. */
    FakeActionContext context(String responseId, dev.cloudwarden.engine.event.Event... events) {
        return FakeActionContext.of(responseId, events).with(KubernetesClient.class, client);
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
