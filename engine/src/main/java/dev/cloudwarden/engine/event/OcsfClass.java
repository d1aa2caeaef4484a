package dev.cloudwarden.engine.event;

/** The OCSF event classes CloudWarden normalizes into, with their OCSF class and category uids. */
public enum OcsfClass {
    BASE_EVENT(0, 0, "Base Event"),
    PROCESS_ACTIVITY(1007, 1, "Process Activity"),
    AUTHENTICATION(3002, 3, "Authentication"),
    NETWORK_ACTIVITY(4001, 4, "Network Activity"),
    HTTP_ACTIVITY(4002, 4, "HTTP Activity"),
    DNS_ACTIVITY(4003, 4, "DNS Activity"),
    EMAIL_ACTIVITY(4009, 4, "Email Activity"),
    API_ACTIVITY(6003, 6, "API Activity"),
    APPLICATION_LIFECYCLE(6002, 6, "Application Lifecycle");

    private final int classUid;
    private final int categoryUid;
    private final String caption;

    OcsfClass(int classUid, int categoryUid, String caption) {
        this.classUid = classUid;
        this.categoryUid = categoryUid;
        this.caption = caption;
    }

    public int classUid() {
        return classUid;
    }

    public int categoryUid() {
        return categoryUid;
    }

    public String caption() {
        return caption;
    }
}
