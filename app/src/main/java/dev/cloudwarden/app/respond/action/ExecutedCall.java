package dev.cloudwarden.app.respond.action;

/**
 * A call made, as the audit trail keeps it.
 *
 * @param requestId the provider's request id (AWS {@code x-amzn-RequestId}); null where the API gives none
 * @param result    what came back, briefly ({@code snap-0abc created}, {@code already Inactive}, an error's code
 *                  and message)
 */
public record ExecutedCall(ApiCall call, String requestId, boolean ok, String result) {
}
