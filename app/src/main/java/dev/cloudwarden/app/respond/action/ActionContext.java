package dev.cloudwarden.app.respond.action;

import dev.cloudwarden.engine.incident.Incident;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What an action runs with: the incident it responds to, the clients of the cloud it acts on, the outputs of the
 * steps before it, and the trail every call it makes is written to as it is made (so a step that fails half-way
 * still shows what it did).
 */
public interface ActionContext {
    Incident incident();

    /** The response's id, unique per (incident, playbook): actions tag and name what they create with it. */
    String responseId();

    /** The id of the step running, unique in its playbook. */
    String stepId();

    Clock clock();

    /** A client of the kind the action asks for ({@code AwsClients}, a Kubernetes client); empty when not configured. */
    <T> Optional<T> client(Class<T> type);

    /** The outputs of an earlier step of this response, by step id; empty when it has not run or gave none. */
    Map<String, String> outputsOf(String stepId);

    /** Writes one call to the response's audit trail, now. */
    void record(ExecutedCall call);

    /**
     * Waits {@code millis} (a snapshot's completion, an instance's state); a test's context returns at once, so tests
     * and benchmarks measure the work and not the fake's simulated waits.
     */
    void pause(long millis) throws InterruptedException;
}
