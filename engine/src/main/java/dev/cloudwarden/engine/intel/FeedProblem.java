package dev.cloudwarden.engine.intel;

/**
 * Something in a feed that could not be imported; the rest of the feed still is.
 *
 * @param location where: {@code file:line}, {@code bundle.json: objects[17] (indicator--...)}, a URL and page
 * @param reason   why, in words an analyst can act on
 */
public record FeedProblem(String location, String reason) {
    @Override
    public String toString() {
        return location + ": " + reason;
    }
}
