package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.aws.AwsClientConfig;
import dev.cloudwarden.app.respond.action.Action;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.simulate.cloud.CloudState;
import dev.cloudwarden.simulate.cloud.CloudState.TrailEvent;
import dev.cloudwarden.simulate.cloud.FakeAws;
import dev.cloudwarden.simulate.scenario.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real SDK clients (dummy static keys, us-east-1) against the fake AWS on loopback, seeded with the simulated estate;
 * tests assert the fake's state after an action.
 */
abstract class FakeAwsTestBase {
    static final String APP_1 = World.INSTANCES.get(0)[0];
    static final String APP_2 = World.INSTANCES.get(2)[0];
    static final Instant INCIDENT_TIME = Instant.parse("2026-12-01T10:00:00Z");

    FakeAws fake;
    CloudState state;
    AwsClients clients;

    @BeforeEach
    void startFake() throws IOException {
        fake = FakeAws.startWithEstate(0);
        state = fake.state();
        clients = new AwsClients(AwsClientConfig.withKeys("us-east-1", fake.endpoint(), "AKIDFAKETEST", "fake-secret"));
    }

    @AfterEach
    void stopFake() {
        clients.close();
        fake.close();
    }

    static Action action(String name) {
        return AwsActions.all().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    /** An incident of one alert over these CloudTrail records (JSON), naming these entities. */
    static Incident incident(List<Entity> entities, String... records) {
        List<Event> events = new ArrayList<>();
        for (String r : records) {
            events.add(Event.builder(SourceType.CLOUDTRAIL, INCIDENT_TIME, RawRecord.ofJson(r.getBytes(StandardCharsets.UTF_8)))
                    .operation("aws", "call").build());
        }
        if (events.isEmpty()) {
            String none = "{\"eventName\":\"GetCallerIdentity\",\"eventTime\":\"" + INCIDENT_TIME + "\"}";
            events.add(Event.builder(SourceType.CLOUDTRAIL, INCIDENT_TIME, RawRecord.ofJson(none.getBytes(StandardCharsets.UTF_8)))
                    .operation("aws", "call").build());
        }
        Alert alert = new Alert("alert-1", "rule-1", "test rule", Level.HIGH, INCIDENT_TIME, List.of("attack.t1078"), events);
        return Incident.of(List.of(alert), entities);
    }

    static Incident incidentOn(Entity... entities) {
        return incident(List.of(entities));
    }

    /** A CloudTrail record at the incident's time (the event is also in the fake's history, as CloudTrail would have it). */
    String attackerCall(String id, String source, String name, List<String> resources, Map<String, Object> params) {
        TrailEvent e = dev.cloudwarden.simulate.cloud.EstateSeed.trailEvent(id, INCIDENT_TIME, source, name, "erin", resources, params);
        state.trail.add(e);
        return e.record();
    }

    static Entity instance(String id) {
        return Entity.of(EntityType.INSTANCE, id);
    }

    StepOutcome run(String actionName, Entity target, Map<String, String> params, TestContext context)
            throws ActionException, InterruptedException {
        StepOutcome out = action(actionName).execute(target, params, context);
        context.keepOutputs(context.stepId(), out.outputs());
        return out;
    }
}
