package dev.cloudwarden.app.intel.taxii;

import java.io.IOException;

/**
 * A TAXII request that failed for good (after any retries): an HTTP error status, a timeout, a body over the size
 * limit, or a body that is not a TAXII JSON resource. The message names the URL and what to do about it.
 */
public final class TaxiiException extends IOException {
    private final int status;

    public TaxiiException(String message, int status) {
        super(message);
        this.status = status;
    }

    public TaxiiException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** The HTTP status that ended the request, or -1 when none came (timeout, connection, size limit). */
    public int status() {
        return status;
    }
}
