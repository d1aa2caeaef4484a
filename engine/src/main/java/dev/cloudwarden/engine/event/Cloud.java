package dev.cloudwarden.engine.event;

/** Where in the cloud an event happened. Any part may be null when the source does not say. */
public record Cloud(String provider, String account, String region) {
    public static final Cloud NONE = new Cloud(null, null, null);

    public static Cloud aws(String account, String region) {
        return new Cloud("aws", account, region);
    }
}
