package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.FakeActionContext;
import dev.cloudwarden.app.respond.action.ExecutedCall;
import dev.cloudwarden.engine.incident.Incident;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A step's context for the AWS actions' tests: the shared test context with the AWS clients, its trail as a list, and
 * a count of the pauses the action asked for (they return at once).
 */
final class TestContext extends FakeActionContext {
    static final Instant NOW = Instant.parse("2026-12-02T09:30:00Z");
    private final AwsClients clients;
    private final Map<String, Map<String, String>> outputs;
    final List<ExecutedCall> trail = calls;
    int pauses;

    TestContext(Incident incident, String responseId, String stepId, AwsClients clients,
                Map<String, Map<String, String>> outputs) {
        super(incident, responseId, stepId, outputs);
        this.clients = clients;
        this.outputs = outputs;
        with(AwsClients.class, clients);
    }

    TestContext(Incident incident, AwsClients clients) {
        this(incident, "resp-1", "step-1", clients, new HashMap<>());
    }

    /** The same response at another step, sharing the outputs of the steps run so far. */
    TestContext step(String id) {
        return new TestContext(incident(), responseId(), id, clients, outputs);
    }

    void keepOutputs(String step, Map<String, String> out) {
        outputs.put(step, out);
    }

    @Override
    public Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Override
    public void pause(long millis) {
        pauses++;
    }
}
