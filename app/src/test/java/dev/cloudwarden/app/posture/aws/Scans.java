package dev.cloudwarden.app.posture.aws;

import dev.cloudwarden.engine.posture.check.BuiltInChecks;
import dev.cloudwarden.engine.posture.check.Verdict;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.scan.Finding;
import dev.cloudwarden.engine.posture.scan.PostureScan;
import dev.cloudwarden.engine.posture.scan.PostureScanner;
import dev.cloudwarden.engine.posture.scan.PostureSources;
import dev.cloudwarden.engine.posture.scan.Suppressions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A posture scan as the command runs it, of live resources or of files, and its verdicts by check and resource. */
final class Scans {
    private Scans() {
    }

    static PostureScan live(AwsLiveScan.Collected collected) {
        return scanner().scan(List.of(), AwsLiveScan.read(collected), AwsLiveScan.sources(collected), Suppressions.none(true));
    }

    static PostureScan files(Path folder) {
        return scanner().scan(List.of(folder), ParsedConfig.concat(List.of()), Suppressions.none(true));
    }

    private static PostureScanner scanner() {
        return new PostureScanner(PostureSources.all(), BuiltInChecks.all());
    }

    /** "CHECK RESOURCE" → verdict, for every finding of the scan. */
    static Map<String, Verdict> verdicts(PostureScan scan) {
        Map<String, Verdict> out = new TreeMap<>();
        for (Finding f : scan.findings()) {
            out.put(f.check().id() + " " + f.resource().id(), f.verdict());
        }
        return out;
    }
}
