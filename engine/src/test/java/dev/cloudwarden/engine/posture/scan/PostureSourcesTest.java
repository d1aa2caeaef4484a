package dev.cloudwarden.engine.posture.scan;

import dev.cloudwarden.engine.posture.check.BuiltInChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of file reaches the source that reads it, whatever the others would make of its first bytes. */
class PostureSourcesTest {
    @Test
    void everyFormatGoesToItsOwnSource(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"configurationItems\":[{\"configurationItemStatus\":\"OK\","
                + "\"resourceType\":\"AWS::S3::Bucket\",\"resourceId\":\"b\",\"resourceName\":\"b\",\"configuration\":{\"name\":\"b\"}}]}");
        Files.writeString(dir.resolve("template.yaml"), "Resources:\n  B:\n    Type: AWS::S3::Bucket\n");
        Files.writeString(dir.resolve("pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n");
        Files.writeString(dir.resolve("main.tf"), "resource \"aws_s3_bucket\" \"b\" {}\n");
        Files.writeString(dir.resolve("yarn-site.xml"), "<configuration><property><name>yarn.acl.enable</name>"
                + "<value>false</value></property></configuration>\n");
        Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.20\nUSER app\n");
        Files.writeString(dir.resolve("daemon.json"), "{\"hosts\": [\"tcp://0.0.0.0:2375\"]}\n");
        Files.writeString(dir.resolve("README.md"), "# not configuration\n");
        PostureScan scan = new PostureScanner(PostureSources.all(), BuiltInChecks.all()).scan(List.of(dir), Suppressions.none(true));
        assertThat(scan.problems()).isEmpty();
        assertThat(scan.files()).hasSize(7);
        assertThat(scan.resources()).extracting(r -> r.framework().id() + " " + r.type()).containsExactlyInAnyOrder(
                "aws AWS::S3::Bucket", "cloudformation AWS::S3::Bucket", "kubernetes Pod", "terraform aws_s3_bucket",
                "hadoop yarn-site", "dockerfile Dockerfile", "docker_daemon daemon.json");
    }

    @Test
    void armTypesAreMatchedWhateverTheirCase() {
        var check = dev.cloudwarden.engine.posture.check.BuiltInChecks.all().stream()
                .filter(c -> c.framework() == dev.cloudwarden.engine.posture.model.Framework.ARM
                        && c.resourceTypes().stream().anyMatch(t -> t.startsWith("Microsoft.Storage/")))
                .findFirst().orElseThrow();
        String type = check.resourceTypes().stream().filter(t -> t.startsWith("Microsoft.Storage/")).findFirst().orElseThrow();
        var resource = new dev.cloudwarden.engine.posture.model.ConfigResource(dev.cloudwarden.engine.posture.model.Framework.ARM,
                type.toUpperCase(java.util.Locale.ROOT), "s", type + ".s", dev.cloudwarden.engine.posture.model.Location.of("t.json", 1),
                java.util.Map.of(), List.of(), List.of());
        assertThat(check.judges(resource)).isTrue();
        assertThat(new PostureScanner(List.of(), List.of(check)).judge(List.of(resource), Suppressions.none(true))).isNotEmpty();
    }
}
