package dev.cloudwarden.engine.posture.scan;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.ParseProblem;

import java.util.List;

/**
 * What a scan found: the files read as configuration, their resources, what could not be read, and every check's
 * verdict (passes included, so a report can say what was checked and held).
 */
public record PostureScan(int files, List<ConfigResource> resources, List<ParseProblem> problems, List<Finding> findings) {
    public PostureScan {
        resources = List.copyOf(resources);
        problems = List.copyOf(problems);
        findings = List.copyOf(findings);
    }
}
