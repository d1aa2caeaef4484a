package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ExecutedCall;
import dev.cloudwarden.engine.incident.Incident;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A step's context for tests: a fixed clock, the given clients, the trail in a list, pauses that return at once. */
final class TestContext implements ActionContext {
    static final Instant NOW = Instant.parse("2026-12-02T09:30:00Z");
    private final Incident incident;
    private final String responseId;
    private final String stepId;
    private final AwsClients clients;
    private final Map<String, Map<String, String>> outputs;
    final List<ExecutedCall> trail = new ArrayList<>();
    int pauses;

    TestContext(Incident incident, String responseId, String stepId, AwsClients clients,
                Map<String, Map<String, String>> outputs) {
        this.incident = incident;
        this.responseId = responseId;
        this.stepId = stepId;
        this.clients = clients;
        this.outputs = outputs;
    }

    TestContext(Incident incident, AwsClients clients) {
        this(incident, "resp-1", "step-1", clients, new HashMap<>());
    }

    /** The same response at another step, sharing the outputs of the steps run so far. */
    TestContext step(String id) {
        return new TestContext(incident, responseId, id, clients, outputs);
    }

    void keepOutputs(String step, Map<String, String> out) {
        outputs.put(step, out);
    }

    List<String> operations() {
        return trail.stream().map(c -> c.call().operation()).toList();
    }

    @Override
    public Incident incident() {
        return incident;
    }

    @Override
    public String responseId() {
        return responseId;
    }

    @Override
    public String stepId() {
        return stepId;
    }

    @Override
    public Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Override
    public <T> Optional<T> client(Class<T> type) {
        return type.isInstance(clients) ? Optional.of(type.cast(clients)) : Optional.empty();
    }

    @Override
    public Map<String, String> outputsOf(String stepId) {
        return outputs.getOrDefault(stepId, Map.of());
    }

    @Override
    public void record(ExecutedCall call) {
        trail.add(call);
    }

    @Override
    public void pause(long millis) {
        pauses++;
    }
}
