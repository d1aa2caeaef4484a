package dev.cloudwarden.engine.event;

/** The OCSF event classes CloudWarden normalizes into, with their OCSF class and category uids. */
public enum OcsfClass {
    BASE_EVENT(0, 0, "Base Event", "Uncategorized"),
    PROCESS_ACTIVITY(1007, 1, "Process Activity", "System Activity"),
    AUTHENTICATION(3002, 3, "Authentication", "Identity & Access Management"),
    NETWORK_ACTIVITY(4001, 4, "Network Activity", "Network Activity"),
    HTTP_ACTIVITY(4002, 4, "HTTP Activity", "Network Activity"),
    DNS_ACTIVITY(4003, 4, "DNS Activity", "Network Activity"),
    EMAIL_ACTIVITY(4009, 4, "Email Activity", "Network Activity"),
    API_ACTIVITY(6003, 6, "API Activity", "Application Activity"),
    APPLICATION_LIFECYCLE(6002, 6, "Application Lifecycle", "Application Activity");

    private final int classUid;
    private final int categoryUid;
    private final String caption;
    private final String categoryCaption;

    OcsfClass(int classUid, int categoryUid, String caption, String categoryCaption) {
        this.classUid = classUid;
        this.categoryUid = categoryUid;
        this.caption = caption;
        this.categoryCaption = categoryCaption;
    }

    /** The OCSF caption of the class's category ({@code category_name}). */
    public String categoryCaption() {
        return categoryCaption;
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
