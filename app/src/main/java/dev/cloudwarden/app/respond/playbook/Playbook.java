package dev.cloudwarden.app.respond.playbook;

import java.util.List;
import java.util.Optional;

/**
 * A response to one kind of incident: when it applies, and its steps in order.
 *
 * @param file where it was read from ({@code builtin:isolate-snapshot-redeploy.yml} for the shipped ones)
 */
public record Playbook(String id, String title, String description, Trigger trigger, List<Step> steps, String file,
                       int line) {
    public Playbook {
        steps = List.copyOf(steps);
    }

    public Optional<Step> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
