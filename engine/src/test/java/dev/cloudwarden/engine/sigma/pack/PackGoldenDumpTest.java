package dev.cloudwarden.engine.sigma.pack;

import dev.cloudwarden.engine.alert.Alert;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

class PackGoldenDumpTest {
    @Test
    void dump() throws Exception {
        Path root = Path.of("src/test/resources/golden");
        List<Path> inputs;
        try (Stream<Path> s = Files.walk(root)) {
            inputs = s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".expected.ndjson"))
                    .filter(p -> !p.getFileName().toString().startsWith("LICENSE") && !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        for (Path p : inputs) {
            List<Alert> alerts = PackFixtures.packAlerts(PackFixtures.detect(PackFixtures.ingest(p)));
            var names = PackFixtures.namesById();
            TreeMap<String, Integer> counts = new TreeMap<>();
            alerts.forEach(a -> counts.merge(names.get(a.ruleId()) + "@" + a.level(), 1, Integer::sum));
            System.out.println("GOLDEN " + root.relativize(p) + " " + counts);
        }
    }
}
