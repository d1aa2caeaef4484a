package dev.cloudwarden.engine.posture.source;

/**
 * What a format makes of a local YAML tag ({@code !Ref}, {@code !GetAtt}): given the tag and the value it is written
 * on (already plain data: a string for a scalar, a list or map), the value to keep instead.
 */
@FunctionalInterface
public interface CustomTags {
    /** Local tags are dropped and the value kept as written: YAML without tags of its own. */
    CustomTags IGNORE = (tag, value, line) -> value;

    Object resolve(String tag, Object value, int line) throws TreeException;
}
