package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.event.Actor;
import org.junit.jupiter.api.Test;

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
}
