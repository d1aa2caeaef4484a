package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Event;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GroupKeysTest {
    @Test
    void anAssumedRoleIsItsRoleWhateverTheSession() {
        assertThat(GroupKeys.stableActor(Actor.named("arn:aws:sts::111122223333:assumed-role/Admin/i-0abc", "AssumedRole")))
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/Admin");
        assertThat(GroupKeys.stableActor(Actor.named("arn:aws-cn:sts::1:assumed-role/ci/deployer/extra", null)))
                .isEqualTo("arn:aws-cn:sts::1:assumed-role/ci");
        assertThat(GroupKeys.stableActor(Actor.named("arn:aws:iam::1:user/alice", "IAMUser"))).isEqualTo("arn:aws:iam::1:user/alice");
        assertThat(GroupKeys.stableActor(Actor.named("root@ip-10-0-1-11", null))).isEqualTo("root@ip-10-0-1-11");
        assertThat(GroupKeys.stableActor(new Actor(null, null, "AKIAEXAMPLE", null, null))).isEqualTo("AKIAEXAMPLE");
        assertThat(GroupKeys.stableActor(Actor.NONE)).isNull();
    }

    @Test
    void partsHoldingTheSeparatorCannotMakeTwoKeysOne() {
        // attacker-controlled values: without escaping, ("x<US>y", "z") and ("x", "y<US>z") would join alike
        List<String> by = List.of("requestParameters.a", "requestParameters.b");
        String one = GroupKeys.of(alert("x\\u001fy", "z"), by);
        String two = GroupKeys.of(alert("x", "y\\u001fz"), by);
        String three = GroupKeys.of(alert("x\\\\", "\\u001fz"), by);
        assertThat(List.of(one, two, three)).doesNotHaveDuplicates();
        assertThat(GroupKeys.of(alert("x", "z"), by)).isEqualTo("x\u001fz");
    }

    private static Alert alert(String a, String b) {
        String record = Trails.assumedRoleCall(0, "deployer", "s", "ListBuckets", "203.0.113.10")
                .replace("\"requestParameters\":null", "\"requestParameters\":{\"a\":\"" + a + "\",\"b\":\"" + b + "\"}");
        Event e = Trails.events(List.of(record)).get(0);
        return new Alert("id", "rule", "title", Level.LOW, e.time(), List.of(), List.of(e));
    }
}
