package dev.cloudwarden.engine.posture.check;

/**
 * A condition written in Java, for controls a CEL expression would say badly (parsing a Dockerfile's shell, walking
 * an IAM policy's wildcards). It must treat {@link dev.cloudwarden.engine.posture.model.Unknown} values as unknown.
 */
public non-sealed interface JavaCondition extends Condition {
}
