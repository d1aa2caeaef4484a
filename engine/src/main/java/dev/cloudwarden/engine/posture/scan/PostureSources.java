package dev.cloudwarden.engine.posture.scan;

import dev.cloudwarden.engine.posture.source.ConfigSource;
import dev.cloudwarden.engine.posture.source.arm.ArmSource;
import dev.cloudwarden.engine.posture.source.aws.AwsSnapshotSource;
import dev.cloudwarden.engine.posture.source.cloudformation.CloudFormationSource;
import dev.cloudwarden.engine.posture.source.docker.DockerDaemonSource;
import dev.cloudwarden.engine.posture.source.docker.DockerfileSource;
import dev.cloudwarden.engine.posture.source.hadoop.HadoopSiteSource;
import dev.cloudwarden.engine.posture.source.kubernetes.KubernetesSource;
import dev.cloudwarden.engine.posture.source.terraform.TerraformPlanSource;
import dev.cloudwarden.engine.posture.source.terraform.TerraformSource;

import java.util.List;

/**
 * Every configuration format, in the order a file is offered to them: the formats that recognise a file by its
 * content before those that go by its name alone. A new format is one package and one line here.
 */
public final class PostureSources {
    private PostureSources() {
    }

    public static List<ConfigSource> all() {
        return List.of(new TerraformPlanSource(), new CloudFormationSource(), new ArmSource(), new AwsSnapshotSource(),
                new KubernetesSource(), new TerraformSource(), new DockerfileSource(), new DockerDaemonSource(),
                new HadoopSiteSource());
    }
}
