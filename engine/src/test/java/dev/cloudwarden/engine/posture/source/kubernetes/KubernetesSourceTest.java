package dev.cloudwarden.engine.posture.source.kubernetes;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.InlineSkip;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesSourceTest {
    private final KubernetesSource source = new KubernetesSource();

    private ParsedConfig parse(String text) {
        return source.parse("m.yaml", text);
    }

    @Test
    void eachDocumentIsAnObjectWithCheckovsId() {
        ParsedConfig p = parse("""
                # Source: chart/templates/deployment.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 2
                ---
                # Source: chart/templates/role.yaml
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata:
                  name: reader
                  namespace: prod
                """);
        assertThat(p.problems()).isEmpty();
        assertThat(p.resources()).extracting(ConfigResource::id)
                .containsExactly("Deployment.default.web", "Role.prod.reader");
        ConfigResource web = p.resources().get(0);
        assertThat(web.type()).isEqualTo("Deployment");
        assertThat(web.name()).isEqualTo("web");
        assertThat(web.location()).isEqualTo(new Location("m.yaml", 2, 7));
        assertThat(web.attributes()).containsEntry("apiVersion", "apps/v1").containsEntry("kind", "Deployment")
                .containsEntry("spec", Map.of("replicas", 2L));
        assertThat(p.resources().get(1).location()).isEqualTo(new Location("m.yaml", 10, 14));
    }

    @Test
    void objectsWithoutANameStillGetAnId() {
        ParsedConfig p = parse("""
                apiVersion: v1
                kind: Pod
                metadata:
                  labels: {app: web, tier: front}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: migrate-
                  namespace: jobs
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {}
                """);
        assertThat(p.resources()).extracting(ConfigResource::id).containsExactly(
                "Pod.default.app-web.tier-front", "Job.jobs.migrate-", "ConfigMap.default.line-12");
        assertThat(p.resources().get(1).name()).isEqualTo("migrate-");
    }

    @Test
    void listItemsAreObjects() {
        ParsedConfig p = parse("""
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: Service
                    metadata: {name: a}
                  - apiVersion: v1
                    kind: Service
                    metadata: {name: b}
                """);
        assertThat(p.resources()).extracting(ConfigResource::id).containsExactly("Service.default.a",
                "Service.default.b");
        assertThat(p.resources().get(1).location().line()).isEqualTo(7);
    }

    @Test
    void jsonManifestsAndTypedLists() {
        ParsedConfig p = source.parse("m.json", """
                {"apiVersion": "v1", "kind": "PodList", "items": [
                  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "x"}}
                ]}
                """);
        assertThat(p.resources()).extracting(ConfigResource::id).containsExactly("Pod.x.p");
    }

    @Test
    void annotationSkips() {
        ConfigResource r = parse("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  annotations:
                    checkov.io/skip1: CKV_K8S_20=runs as root on purpose
                    checkov.io/skip2: CKV_K8S_21
                    cloudwarden.io/skip: CW_K8S_1=reviewed
                    other: CKV_K8S_9=not a skip
                """).resources().get(0);
        assertThat(r.skips()).containsExactly(new InlineSkip("CKV_K8S_20", "runs as root on purpose"),
                new InlineSkip("CKV_K8S_21", ""), new InlineSkip("CW_K8S_1", "reviewed"));
    }

    @Test
    void oneBrokenDocumentDoesNotLoseTheOthers() {
        ParsedConfig p = parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: [b
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: c}
                """);
        assertThat(p.resources()).extracting(ConfigResource::name).containsExactly("a", "c");
        assertThat(p.problems()).singleElement().satisfies(pr -> assertThat(pr.location().line()).isBetween(5, 8));
    }

    @Test
    void nonObjectsAreIgnoredAndBadMetadataIsAProblem() {
        ParsedConfig p = parse("""
                just: values
                ---
                apiVersion: v1
                kind: Pod
                metadata: oops
                """);
        assertThat(p.resources()).isEmpty();
        assertThat(p.problems()).singleElement().satisfies(pr -> assertThat(pr.location().line()).isEqualTo(3));
    }

    @Test
    void acceptsManifestsButNotCloudFormationOrChartTemplates(@TempDir Path dir) throws IOException {
        assertThat(source.accepts(Path.of("a.yaml"), "apiVersion: v1\nkind: Pod\n")).isTrue();
        assertThat(source.accepts(Path.of("a.json"), "{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}")).isTrue();
        assertThat(source.accepts(Path.of("a.yaml"), "AWSTemplateFormatVersion: x\napiVersion: v\nkind: k")).isFalse();
        assertThat(source.accepts(Path.of("a.yaml"), "name: x\n")).isFalse();
        Files.writeString(dir.resolve("Chart.yaml"), "name: c\n");
        Path template = Files.createDirectories(dir.resolve("templates")).resolve("d.yaml");
        assertThat(source.accepts(template, "apiVersion: v1\nkind: Pod\n")).isFalse();
    }
}
