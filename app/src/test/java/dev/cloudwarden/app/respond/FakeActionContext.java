package dev.cloudwarden.app.respond;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ExecutedCall;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.Incident;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The context a test runs an action in: a fixed incident, response and step, the clients it is given, the outputs of
 * earlier steps it is told, and every call the action records, kept in order. Waits return at once.
 */
public class FakeActionContext implements ActionContext {
    public static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");

    private final Incident incident;
    private final String responseId;
    private String stepId;
    private final Map<Class<?>, Object> clients = new HashMap<>();
    private final Map<String, Map<String, String>> outputs;
    /** Every call recorded, in order (a subclass may show it as it likes). */
    protected final List<ExecutedCall> calls = new ArrayList<>();

    public FakeActionContext(Incident incident, String responseId) {
        this(incident, responseId, "step-1", new HashMap<>());
    }

    /** A context at {@code stepId} that shares {@code outputs} with the contexts of the response's other steps. */
    protected FakeActionContext(Incident incident, String responseId, String stepId, Map<String, Map<String, String>> outputs) {
        this.incident = incident;
        this.responseId = responseId;
        this.stepId = stepId;
        this.outputs = outputs;
    }

    /** A context for an incident of one alert over {@code events} (none: one placeholder event). */
    public static FakeActionContext of(String responseId, Event... events) {
        return new FakeActionContext(incident(events), responseId);
    }

    /** An incident of one alert over {@code events}, or over one empty Kubernetes audit record. */
    public static Incident incident(Event... events) {
        List<Event> list = events.length > 0 ? List.of(events) : List.of(auditEvent("{}"));
        Alert alert = new Alert("alert-1", "test-rule", "Test rule", Level.HIGH, NOW, List.of(), list);
        return Incident.of(List.of(alert), List.<Entity>of());
    }

    /** A Kubernetes audit event whose record is {@code json}, naming {@code resources} as type, id pairs. */
    public static Event auditEvent(String json, String... typesAndIds) {
        var b = Event.builder(SourceType.K8S_AUDIT, NOW, RawRecord.ofJson(json.getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i + 1 < typesAndIds.length; i += 2) {
            b.resource(typesAndIds[i], typesAndIds[i + 1]);
        }
        return b.build();
    }

    public <T> FakeActionContext with(Class<T> type, T client) {
        clients.put(type, client);
        return this;
    }

    public FakeActionContext withOutputs(String step, Map<String, String> stepOutputs) {
        outputs.put(step, Map.copyOf(stepOutputs));
        return this;
    }

    public FakeActionContext atStep(String step) {
        this.stepId = step;
        return this;
    }

    /** The calls recorded so far, in order. */
    public List<ExecutedCall> calls() {
        return List.copyOf(calls);
    }

    /** The operations recorded so far, in order. */
    public List<String> operations() {
        return calls.stream().map(c -> c.call().operation()).toList();
    }

    public void clearCalls() {
        calls.clear();
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
        return Optional.ofNullable(type.cast(clients.get(type)));
    }

    @Override
    public Map<String, String> outputsOf(String step) {
        return outputs.getOrDefault(step, Map.of());
    }

    @Override
    public void record(ExecutedCall call) {
        calls.add(call);
    }

    @Override
    public void pause(long millis) {
    }
}
