package dev.cloudwarden.engine.posture.source.terraform;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.model.Unknown;
import dev.cloudwarden.engine.posture.source.ConfigFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files: Checkov examples (see {@code golden/SOURCE.md}) and the resources they give, as JSON. An unknown value
 * is written {@code {"$unknown": expression, "references": [...]}}.
 */
class TerraformGoldenTest {

    private static Path golden() throws URISyntaxException {
        return Path.of(TerraformGoldenTest.class.getResource("golden/SOURCE.md").toURI()).getParent();
    }

    @Test
    void moduleWithTfvarsAndDynamicBlocks() throws Exception {
        Path folder = golden().resolve("dynamic_block_map_example");
        List<ConfigFile> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> TerraformTestSupport.HCL.accepts(p, "")).sorted()
                    .map(p -> new ConfigFile(p, p.getFileName().toString())).toList();
        }
        check(TerraformTestSupport.HCL.parse(files), golden().resolve("dynamic_block_map_example.expected.json"));
    }

    @Test
    void planFile() throws Exception {
        Path plan = golden().resolve("plan_boot_disk/bad.json");
        check(TerraformTestSupport.PLAN.parse(new ConfigFile(plan, "bad.json")),
                golden().resolve("plan_boot_disk.expected.json"));
    }

    private static void check(ParsedConfig c, Path expectedFile) throws IOException {
        assertThat(c.problems()).isEmpty();
        String actual = render(c);
        Path source = Path.of("src/test/resources/dev/cloudwarden/engine/posture/source/terraform/golden")
                .resolve(expectedFile.getFileName());
        if (Boolean.getBoolean("cw.golden.update")) {
            Files.writeString(source, actual);
            Files.writeString(expectedFile, actual);
        }
        assertThat(expectedFile).as("golden file (generate with -Dcw.golden.update=true)").exists();
        assertThat(actual).isEqualTo(Files.readString(expectedFile));
    }

    static String render(ParsedConfig c) throws IOException {
        List<Object> out = new ArrayList<>();
        for (ConfigResource r : c.resources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("type", r.type());
            m.put("name", r.name());
            m.put("location", r.location().file() + ":" + r.location().line() + "-" + r.location().endLine());
            m.put("attributes", plain(r.attributes()));
            m.put("references", r.references());
            m.put("skips", r.skips().stream().map(s -> s.checkId() + ":" + s.reason()).toList());
            out.add(m);
        }
        return Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out) + "\n";
    }

    private static Object plain(Object v) {
        if (v instanceof Unknown u) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("$unknown", u.expression());
            m.put("references", u.references());
            return m;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, x) -> m.put(String.valueOf(k), plain(x)));
            return m;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(TerraformGoldenTest::plain).toList();
        }
        return v;
    }
}
