package dev.cloudwarden.engine.posture.source.docker;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.model.Unknown;
import dev.cloudwarden.engine.posture.source.PostureGolden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DockerfileSourceTest {
    @TempDir
    Path dir;

    private final DockerfileSource source = new DockerfileSource();

    private ConfigResource parseOne(String text) {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "Dockerfile", text);
        assertThat(parsed.resources()).hasSize(1);
        return parsed.resources().get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(ConfigResource r, String key) {
        return (List<Map<String, Object>>) r.attributes().get(key);
    }

    @Test
    void acceptsDockerfileNamesOnly() {
        assertThat(source.accepts(Path.of("a/Dockerfile"), "")).isTrue();
        assertThat(source.accepts(Path.of("Dockerfile.dev"), "")).isTrue();
        assertThat(source.accepts(Path.of("web.dockerfile"), "")).isTrue();
        assertThat(source.accepts(Path.of("Containerfile"), "")).isTrue();
        assertThat(source.accepts(Path.of("dockerfile"), "")).isTrue();
        assertThat(source.accepts(Path.of("Dockerfile.dockerignore"), "")).isFalse();
        assertThat(source.accepts(Path.of(".dockerignore"), "")).isFalse();
        assertThat(source.accepts(Path.of("main.tf"), "")).isFalse();
    }

    @Test
    void oneResourcePerFileWithItsIdentity() {
        ConfigResource r = parseOne("FROM alpine:3.19\nRUN echo hi\n");
        assertThat(r.framework()).isEqualTo(Framework.DOCKERFILE);
        assertThat(r.type()).isEqualTo("Dockerfile");
        assertThat(r.name()).isEqualTo("Dockerfile");
        assertThat(r.id()).isEqualTo("Dockerfile.Dockerfile");
        assertThat(r.location().line()).isEqualTo(1);
        assertThat(r.location().endLine()).isEqualTo(2);
    }

    @Test
    void continuationsJoinLinesAndSkipCommentsInside() {
        ConfigResource r = parseOne("""
                FROM debian
                RUN apt-get update && \\
                # a comment inside the instruction
                    apt-get install -y curl \\

                    && rm -rf /var/lib/apt/lists/*
                USER app
                """);
        Map<String, Object> run = list(r, "RUN").get(0);
        assertThat(run.get("value")).isEqualTo("apt-get update &&     apt-get install -y curl     && rm -rf /var/lib/apt/lists/*");
        assertThat(run.get("line")).isEqualTo(2L);
        assertThat(run.get("endLine")).isEqualTo(6L);
        assertThat(list(r, "USER").get(0).get("line")).isEqualTo(7L);
    }

    @Test
    void trailingSpacesAfterTheEscapeStillContinue() {
        ConfigResource r = parseOne("FROM debian\nRUN a \\   \n  b\n");
        assertThat(list(r, "RUN").get(0).get("value")).isEqualTo("a   b");
    }

    @Test
    void theEscapeDirectiveChangesTheContinuationCharacter() {
        ConfigResource r = parseOne("""
                # escape=`
                FROM mcr.microsoft.com/windows/servercore
                COPY testfile.txt c:\\
                RUN dir c:\\ `
                    /b
                """);
        assertThat(list(r, "COPY").get(0).get("args")).isEqualTo(List.of("testfile.txt", "c:\\"));
        assertThat(list(r, "RUN").get(0).get("value")).isEqualTo("dir c:\\     /b");
        assertThat(r.at("directives.escape")).isEqualTo("`");
    }

    @Test
    void directivesStopAtTheFirstOtherLine() {
        ConfigResource r = parseOne("# syntax=docker/dockerfile:1\n\n# escape=`\nFROM a\nRUN x \\\n y\n");
        assertThat(r.at("directives.syntax")).isEqualTo("docker/dockerfile:1");
        assertThat(r.at("directives.escape")).isNull();
        assertThat(list(r, "RUN").get(0).get("value")).isEqualTo("x  y");
    }

    @Test
    void anUnknownDirectiveEndsTheDirectives() {
        ConfigResource r = parseOne("# unknowndirective=value\n# escape=`\nFROM a\nRUN x \\\n y\n");
        assertThat((Map<?, ?>) r.attributes().get("directives")).isEmpty();
        assertThat(list(r, "RUN").get(0).get("value")).isEqualTo("x  y");
    }

    @Test
    void execFormIsTheJsonArrayAndShellFormOneCommand() {
        ConfigResource r = parseOne("""
                FROM a
                CMD ["nginx", "-g", "daemon off;"]
                ENTRYPOINT /bin/sh -c "exec app"
                RUN [ "echo", "not closed"
                """);
        assertThat(list(r, "CMD").get(0)).containsEntry("form", "exec")
                .containsEntry("args", List.of("nginx", "-g", "daemon off;"));
        assertThat(list(r, "ENTRYPOINT").get(0)).containsEntry("form", "shell")
                .containsEntry("args", List.of("/bin/sh -c \"exec app\""));
        // Invalid JSON falls back to shell form, as Docker does.
        assertThat(list(r, "RUN").get(0)).containsEntry("form", "shell");
    }

    @Test
    void heredocsJoinTheRunValue() {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "Dockerfile", """
                # syntax=docker/dockerfile:1
                FROM debian
                RUN <<EOF
                curl -fsSL https://example.com/install.sh | sh
                EOF
                RUN <<-"SCRIPT" bash
                \techo tabbed
                \tSCRIPT
                USER nobody
                """);
        ConfigResource r = parsed.resources().get(0);
        List<Map<String, Object>> runs = list(r, "RUN");
        assertThat(runs.get(0).get("value")).isEqualTo("<<EOF\ncurl -fsSL https://example.com/install.sh | sh\nEOF");
        assertThat(runs.get(0).get("endLine")).isEqualTo(5L);
        assertThat(runs.get(1).get("heredocs")).isEqualTo(List.of(Map.of("name", "SCRIPT", "content", "echo tabbed\n")));
        assertThat(list(r, "USER").get(0).get("line")).isEqualTo(9L);
        assertThat(parsed.problems()).isEmpty();
    }

    @Test
    void anUnclosedHeredocIsAProblemButTheFileIsKept() {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "Dockerfile", "FROM a\nRUN <<EOF\necho\n");
        assertThat(parsed.resources()).hasSize(1);
        assertThat(parsed.problems()).singleElement().hasToString("Dockerfile:2: here-document <<EOF is not closed");
    }

    @Test
    void shiftsInArithmeticAreNotHeredocs() {
        ConfigResource r = parseOne("FROM a\nRUN echo $((1<<2))\nUSER x\n");
        assertThat(list(r, "RUN").get(0)).doesNotContainKey("heredocs");
        assertThat(list(r, "USER")).hasSize(1);
    }

    @Test
    void stagesAndTheLastUser() {
        ConfigResource r = parseOne("""
                ARG GO=1.22
                FROM --platform=$BUILDPLATFORM golang:${GO} AS build
                USER root
                RUN go build
                FROM gcr.io/distroless/static@sha256:abc AS final
                COPY --from=build --chown=1000:1000 /out /app
                USER 1000:1000
                FROM final
                """);
        List<Map<String, Object>> stages = list(r, "stages");
        assertThat(stages).hasSize(3);
        assertThat(stages.get(0)).containsEntry("name", "build").containsEntry("user", "root");
        assertThat(stages.get(1)).containsEntry("user", "1000");
        assertThat(stages.get(2)).containsEntry("user", "1000").containsEntry("image", "final");
        assertThat(r.attributes().get("last_stage")).isEqualTo(2L);
        Map<String, Object> from0 = list(r, "FROM").get(0);
        assertThat(from0.get("flags")).isEqualTo(Map.of("platform", "$BUILDPLATFORM"));
        assertThat(from0.get("tag")).isInstanceOf(Unknown.class);
        Map<String, Object> from1 = list(r, "FROM").get(1);
        assertThat(from1).containsEntry("imageName", "gcr.io/distroless/static").containsEntry("digest", "sha256:abc")
                .containsEntry("tag", null);
        assertThat(list(r, "ARG").get(0)).containsEntry("stage", -1L).containsEntry("pairs", Map.of("GO", "1.22"));
        assertThat(list(r, "COPY").get(0).get("flags")).isEqualTo(Map.of("from", "build", "chown", "1000:1000"));
    }

    @Test
    void registryPortIsNotATag() {
        ConfigResource r = parseOne("FROM localhost:5000/app\n");
        assertThat(list(r, "FROM").get(0)).containsEntry("imageName", "localhost:5000/app").containsEntry("tag", null);
    }

    @Test
    void exposeGivesPortsWithoutProtocolAndVariablesAreUnknown() {
        ConfigResource r = parseOne("FROM a\nEXPOSE 80/tcp 22 53/UDP $PORT\nUSER $APP\n");
        Map<String, Object> expose = list(r, "EXPOSE").get(0);
        assertThat(expose.get("ports")).isEqualTo(List.of("80", "22", "53", Unknown.of("$PORT")));
        assertThat(expose.get("protocols")).isEqualTo(List.of("tcp", "tcp", "udp", "tcp"));
        assertThat(list(r, "USER").get(0).get("user")).isEqualTo(Unknown.of("$APP"));
    }

    @Test
    void envAndLabelPairsInBothForms() {
        ConfigResource r = parseOne("FROM a\nENV A=1 B=\"two words\"\nENV LEGACY some value\nLABEL maintainer=\"me\"\n");
        assertThat(list(r, "ENV").get(0).get("pairs")).isEqualTo(Map.of("A", "1", "B", "two words"));
        assertThat(list(r, "ENV").get(1).get("pairs")).isEqualTo(Map.of("LEGACY", "some value"));
        assertThat(list(r, "LABEL").get(0).get("pairs")).isEqualTo(Map.of("maintainer", "me"));
    }

    @Test
    void healthcheckNoneAndCmd() {
        ConfigResource r = parseOne("FROM a\nHEALTHCHECK --interval=5m CMD curl -f http://localhost/\nHEALTHCHECK NONE\n");
        List<Map<String, Object>> hc = list(r, "HEALTHCHECK");
        assertThat(hc.get(0)).containsEntry("none", false).containsEntry("flags", Map.of("interval", "5m"))
                .containsEntry("args", List.of("CMD", "curl -f http://localhost/"));
        assertThat(hc.get(1)).containsEntry("none", true);
    }

    @Test
    void everyKnownInstructionHasAnIndexKey() {
        ConfigResource r = parseOne("FROM a\n");
        for (String k : DockerfileInstruction.KNOWN) {
            assertThat(r.attributes()).containsKey(k);
        }
        assertThat(list(r, "USER")).isEmpty();
    }

    @Test
    void instructionsAreCaseInsensitive() {
        ConfigResource r = parseOne("from a\nuser root\n");
        assertThat(list(r, "USER")).hasSize(1);
    }

    @Test
    void unknownInstructionsAndAMissingFromAreProblemsNotFailures() {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "Dockerfile", "RUN x\nFOO bar\n");
        assertThat(parsed.resources()).hasSize(1);
        assertThat(parsed.problems()).extracting(Object::toString)
                .containsExactly("Dockerfile:2: unknown instruction FOO", "Dockerfile:1: no FROM instruction");
        assertThat(parsed.resources().get(0).attributes()).containsKey("FOO");
    }

    @Test
    void anEmptyFileHasNoResourceAndNoProblem() {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "Dockerfile", "# only a comment\n\n");
        assertThat(parsed.resources()).isEmpty();
        assertThat(parsed.problems()).isEmpty();
    }

    @Test
    void checkovSkipCommentsBecomeInlineSkips() {
        ConfigResource r = parseOne("#checkov:skip=CKV_DOCKER_3:no user needed\nFROM a\n# checkov:skip=CKV_DOCKER_2\n");
        assertThat(r.skips()).extracting(s -> s.checkId() + "|" + s.reason())
                .containsExactly("CKV_DOCKER_3|no user needed", "CKV_DOCKER_2|");
    }

    @Test
    void binaryIsAProblem() {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "Dockerfile", "");
        assertThat(parsed.resources()).isEmpty();
        java.nio.file.Path bin = dir.resolve("bin/Dockerfile");
        try {
            java.nio.file.Files.createDirectories(bin.getParent());
            java.nio.file.Files.write(bin, new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1});
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ParsedConfig bad = source.parse(new dev.cloudwarden.engine.posture.source.ConfigFile(bin, "bin/Dockerfile"));
        assertThat(bad.problems()).singleElement().hasToString("bin/Dockerfile: not UTF-8 text");
    }
}
