package dev.cloudwarden.engine.event;

/**
 * Who acted: the principal (ARN, user principal name, e-mail or user name), its type as the source
 * names it, the access key and session used, and whether MFA was used (null when unknown).
 */
public record Actor(String principal, String principalType, String accessKeyId, String session, Boolean mfaUsed) {
    public static final Actor NONE = new Actor(null, null, null, null, null);

    public static Actor named(String principal, String principalType) {
        return new Actor(principal, principalType, null, null, null);
    }

    public boolean isEmpty() {
        return principal == null && principalType == null && accessKeyId == null && session == null && mfaUsed == null;
    }
}
