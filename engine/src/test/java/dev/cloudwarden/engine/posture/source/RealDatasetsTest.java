package dev.cloudwarden.engine.posture.source;

import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.source.aws.AwsSnapshotSource;
import dev.cloudwarden.engine.posture.source.docker.DockerDaemonSource;
import dev.cloudwarden.engine.posture.source.docker.DockerfileSource;
import dev.cloudwarden.engine.posture.source.hadoop.HadoopSiteSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file of the shared datasets (Checkov's examples, TerraGoat, CloudGoat, Prowler's fixtures) offered to the
 * Docker, Hadoop and AWS-snapshot sources as a scan would: what each accepts must parse without problems, and the
 * many JSON files that are something else (CloudFormation templates, IAM policies, package.json) must not be taken
 * for AWS snapshots.
 */
class RealDatasetsTest {
    @Test
    void theDatasetsParseAndNothingElseIsTaken() throws IOException {
        Path root = PostureGolden.dataset("");
        Assumptions.assumeTrue(root != null, "shared datasets not present under /work/shared/datasets/config");
        Map<String, ConfigSource.PerFile> sources = new LinkedHashMap<>();
        sources.put("dockerfile", new DockerfileSource());
        sources.put("docker daemon", new DockerDaemonSource());
        sources.put("hadoop", new HadoopSiteSource());
        sources.put("aws", new AwsSnapshotSource());
        Map<String, List<String>> accepted = new LinkedHashMap<>();
        sources.keySet().forEach(k -> accepted.put(k, new ArrayList<>()));
        int files = 0;
        int resources = 0;
        List<String> problems = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains("panther-policies"))
                    .sorted().toList()) {
                files++;
                String head = head(f);
                for (Map.Entry<String, ConfigSource.PerFile> s : sources.entrySet()) {
                    if (s.getValue().accepts(f, head)) {
                        String display = root.relativize(f).toString();
                        accepted.get(s.getKey()).add(display);
                        ParsedConfig parsed = s.getValue().parse(new ConfigFile(f, display));
                        resources += parsed.resources().size();
                        parsed.problems().forEach(p -> problems.add(p.toString()));
                    }
                }
            }
        }
        System.out.printf("datasets: %d files; accepted %s; %d resources; problems %s%n", files,
                accepted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList(), resources, problems);
        assertThat(accepted.get("dockerfile")).contains("terragoat/terraform/aws/resources/Dockerfile");
        assertThat(accepted.get("aws")).isEmpty();
        assertThat(problems).isEmpty();
    }

    private static String head(Path f) throws IOException {
        try (var in = Files.newInputStream(f)) {
            byte[] b = in.readNBytes(4096);
            return new String(b, StandardCharsets.UTF_8);
        }
    }
}
