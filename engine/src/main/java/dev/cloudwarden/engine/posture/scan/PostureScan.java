package dev.cloudwarden.engine.posture.scan;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.ParseProblem;

import java.util.List;

/**
 * What a scan found: the files read as configuration (as findings name them), their resources, what could not be read, and every check's
 * verdict (passes included, so a report can say what was checked and held).
 */
public record PostureScan(List<String> files, List<ConfigResource> resources, List<ParseProblem> problems,
                          List<Finding> findings) {
    public PostureScan {
        files = List.copyOf(files);
        resources = List.copyOf(resources);
        problems = List.copyOf(problems);
        findings = List.copyOf(findings);
    }
}
