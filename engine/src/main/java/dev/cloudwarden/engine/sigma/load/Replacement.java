package dev.cloudwarden.engine.sigma.load;

import dev.cloudwarden.engine.sigma.model.SourceLocation;

/**
 * A built-in rule left out because a user's rule has its id; the user's rule runs in its place.
 *
 * @param id          the id both rules carry
 * @param title       the built-in rule's title
 * @param builtIn     where the built-in rule is
 * @param replacement where the user's rule is
 */
public record Replacement(String id, String title, SourceLocation builtIn, SourceLocation replacement) {
}
