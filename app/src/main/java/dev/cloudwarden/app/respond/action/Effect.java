package dev.cloudwarden.app.respond.action;

/**
 * What an action does to what it touches. The order checks and approvals follow from it: evidence is taken before
 * anything destroys it (R1: redeploy, don't reimage), and a destructive step waits for a person's approval.
 */
public enum Effect {
    /**
     * Keeps what an investigation needs: snapshots, console output, a pod's spec and logs, an instance protected from
     * termination. Changes nothing the attacker's access depends on.
     */
    EVIDENCE,
    /** Stops the harm and keeps the resource: a key made inactive, an instance quarantined, a bucket blocked. */
    CONTAINMENT,
    /** Brings service back: a replacement launched, a record rolled back. */
    RECOVERY,
    /** Removes something for good: an instance terminated, a pod deleted. Always needs an approval. */
    DESTRUCTIVE
}
