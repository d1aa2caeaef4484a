package dev.cloudwarden.engine.posture.check;

import dev.cloudwarden.engine.posture.model.ConfigResource;

/** How a check judges one resource: a CEL expression from a check file, or Java for what CEL says badly. */
public sealed interface Condition permits CelCondition, JavaCondition {
    Outcome evaluate(ConfigResource resource, ResourceGraph graph);
}
