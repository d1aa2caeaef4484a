package dev.cloudwarden.app.respond.playbook;

import dev.cloudwarden.engine.incident.EntityType;

import java.util.Map;

/**
 * One step of a playbook.
 *
 * @param action    the action's name ({@code aws.ec2.snapshot_volumes})
 * @param target    which of the incident's entities it acts on: the step runs once for each entity of this type
 * @param params    the action's parameters
 * @param when      a CEL condition over {@code incident} (and {@code target}) that must hold for the step to run;
 *                  null to always run
 * @param approval  a person must approve it before it runs (always so for destructive actions)
 * @param line      where it is written
 */
public record Step(String id, String title, String action, EntityType target, Map<String, String> params, String when,
                   OnFailure onFailure, boolean approval, int line) {
    public Step {
        params = Map.copyOf(params);
    }
}
