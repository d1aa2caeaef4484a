package dev.cloudwarden.app.posture.aws;

/**
 * A call the live scan could not make (denied, throttled past the retries, unreachable): reported beside the
 * findings as a file that could not be read is, while the rest of the account is scanned.
 */
public record CallFailure(String service, String operation, String region, String reason) {
    /** Where the problem is reported: the account's address of the service, as findings name it. */
    String where(String account) {
        return LiveDocument.address(account, region, service);
    }

    String message() {
        return service + " " + operation + " failed in " + region + ": " + reason
                + " (the resources it describes are left out or unknown)";
    }
}
