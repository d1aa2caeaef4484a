package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IamActionsTest extends FakeAwsTestBase {
    private static final Entity ERIN_KEY = Entity.of(EntityType.ACCESS_KEY, "AKIASTOLENERINKEY001");

    @Test
    void deactivatingAKeyMakesItInactiveKeepsItAndDeniesItsUserEverything() throws Exception {
        TestContext context = new TestContext(incidentOn(ERIN_KEY), clients);
        StepOutcome out = run(DeactivateAccessKey.NAME, ERIN_KEY, Map.of(), context);

        assertThat(state.keys.get("AKIASTOLENERINKEY001").status).isEqualTo("Inactive");
        assertThat(state.users.get("erin").policies).containsKey(DeactivateAccessKey.POLICY);
        assertThat(state.users.get("erin").policies.get(DeactivateAccessKey.POLICY)).contains("\"Effect\":\"Deny\"");
        assertThat(out.outputs()).containsEntry("user", "erin").containsEntry("previous_status", "Active");
        assertThat(fake.calls("DeleteAccessKey")).isZero();
        assertThat(context.trail).allSatisfy(c -> assertThat(c.requestId()).isNotBlank());
    }

    @Test
    void deactivatingTwiceChangesNothingTheSecondTimeAndUndoReactivates() throws Exception {
        TestContext context = new TestContext(incidentOn(ERIN_KEY), clients);
        run(DeactivateAccessKey.NAME, ERIN_KEY, Map.of(), context);
        int updates = fake.calls("UpdateAccessKey");
        int puts = fake.calls("PutUserPolicy");
        StepOutcome again = run(DeactivateAccessKey.NAME, ERIN_KEY, Map.of(), context);

        assertThat(fake.calls("UpdateAccessKey")).isEqualTo(updates);
        assertThat(fake.calls("PutUserPolicy")).isEqualTo(puts);
        assertThat(again.outputs()).containsEntry("previous_status", "Active");

        action(DeactivateAccessKey.NAME).undo(ERIN_KEY, Map.of(), again.outputs(), context);
        assertThat(state.keys.get("AKIASTOLENERINKEY001").status).isEqualTo("Active");
        assertThat(state.users.get("erin").policies).doesNotContainKey(DeactivateAccessKey.POLICY);
        assertThat(state.users.get("erin").tags).isEmpty();
    }

    @Test
    void anUnknownKeyIsAnApiErrorWithItsCodeAndRequestId() {
        Entity ghost = Entity.of(EntityType.ACCESS_KEY, "AKIANOSUCHKEY0000000");
        TestContext context = new TestContext(incidentOn(ghost), clients);
        assertThatThrownBy(() -> run(DeactivateAccessKey.NAME, ghost, Map.of(), context))
                .isInstanceOfSatisfying(ActionException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("NoSuchEntity");
                    assertThat(e.requestId()).isNotBlank();
                });
        assertThat(context.trail).singleElement().satisfies(c -> {
            assertThat(c.ok()).isFalse();
            assertThat(c.result()).startsWith("NoSuchEntity");
        });
    }

    @Test
    void revokingSessionsPutsTheDocumentedPolicyWithTheTokenIssueTimeOfNow() throws Exception {
        Entity session = Entity.of(EntityType.PRINCIPAL,
                "arn:aws:sts::111122223333:assumed-role/data-pipeline/i-0a11111111111111a");
        TestContext context = new TestContext(incidentOn(session), clients);
        run(RevokeSessions.NAME, session, Map.of(), context);

        String policy = state.roles.get("data-pipeline").policies.get(RevokeSessions.POLICY);
        assertThat(policy).contains("\"Effect\":\"Deny\"", "\"Action\":[\"*\"]", "\"Resource\":[\"*\"]",
                "\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + TestContext.NOW + "\"}");

        run(RevokeSessions.NAME, session, Map.of(), context);
        assertThat(fake.calls("PutRolePolicy")).isEqualTo(1);
    }

    @Test
    void revokingSessionsOfAUserIsRefused() {
        Entity user = Entity.of(EntityType.PRINCIPAL, "arn:aws:iam::111122223333:user/erin");
        TestContext context = new TestContext(incidentOn(user), clients);
        assertThatThrownBy(() -> run(RevokeSessions.NAME, user, Map.of(), context))
                .hasMessageContaining(DeactivateAccessKey.NAME);
    }
}
