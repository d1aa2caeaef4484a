package dev.cloudwarden.engine.ingest.k8saudit;

import java.util.List;

/**
 * Names the kind of Kubernetes principal from its user name and groups. Kubernetes has no user objects;
 * the authenticators' naming conventions ({@code system:serviceaccount:ns:name}, {@code system:node:host})
 * and built-in groups are all a record says about who is behind a request.
 */
final class PrincipalKind {
    static final String SERVICE_ACCOUNT = "ServiceAccount";
    static final String ANONYMOUS = "Anonymous";
    static final String NODE = "Node";
    static final String SYSTEM = "System";
    static final String USER = "User";

    private PrincipalKind() {
    }

    static String of(String username, List<String> groups) {
        if (username.startsWith("system:serviceaccount:") || groups.contains("system:serviceaccounts")) {
            return SERVICE_ACCOUNT;
        }
        if (username.equals("system:anonymous") || groups.contains("system:unauthenticated")) {
            return ANONYMOUS;
        }
        if (username.startsWith("system:node:") || groups.contains("system:nodes")) {
            return NODE;
        }
        // Control-plane components (system:kube-controller-manager, system:apiserver...).
        if (username.startsWith("system:")) {
            return SYSTEM;
        }
        return USER;
    }
}
