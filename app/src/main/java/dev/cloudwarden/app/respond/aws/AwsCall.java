package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.ExecutedCall;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Makes one AWS call and writes it to the response's trail as it is made, with AWS's request id (so a responder can
 * quote it to AWS support, and CloudTrail's own record of the call can be found): a success with a short result, a
 * failure with the error code. A failure becomes an {@link ActionException} carrying the code and the request id.
 */
final class AwsCall {
    private AwsCall() {
    }

    static <R extends AwsResponse> R run(ActionContext context, ApiCall call, Supplier<R> op, Function<R, String> result)
            throws ActionException {
        return orAbsent(context, call, op, result, Set.of()).orElseThrow();
    }

    /**
     * Like {@link #run}, but the error codes in {@code absent} (a bucket with no policy, a user without the inline
     * policy yet) are an answer, recorded as such, not a failure.
     */
    static <R extends AwsResponse> Optional<R> orAbsent(ActionContext context, ApiCall call, Supplier<R> op,
                                                        Function<R, String> result, Set<String> absent)
            throws ActionException {
        try {
            R response = op.get();
            context.record(new ExecutedCall(call, response.responseMetadata().requestId(), true, result.apply(response)));
            return Optional.of(response);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (code != null && absent.contains(code)) {
                context.record(new ExecutedCall(call, e.requestId(), true, "none (" + code + ")"));
                return Optional.empty();
            }
            throw failed(context, call, e, code, e.requestId());
        } catch (SdkException e) {
            throw failed(context, call, e, null, null);
        }
    }

    /** {@link #run} for the classic load balancer API, whose results are not SDK responses. */
    static <T> ClassicElb.Result<T> classic(ActionContext context, ApiCall call, Supplier<ClassicElb.Result<T>> op,
                                            Function<ClassicElb.Result<T>, String> result) throws ActionException {
        try {
            ClassicElb.Result<T> r = op.get();
            context.record(new ExecutedCall(call, r.requestId(), true, result.apply(r)));
            return r;
        } catch (AwsServiceException e) {
            throw failed(context, call, e, e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode(), e.requestId());
        } catch (SdkException e) {
            throw failed(context, call, e, null, null);
        }
    }

    /** Records a failed call and makes the exception the step stops with. */
    static ActionException failed(ActionContext context, ApiCall call, SdkException e, String code, String requestId) {
        String message = e instanceof AwsServiceException a && a.awsErrorDetails() != null
                ? a.awsErrorDetails().errorMessage() : e.getMessage();
        context.record(new ExecutedCall(call, requestId, false, (code == null ? "" : code + ": ") + message));
        return new ActionException(call.service() + " " + call.operation() + " failed: "
                + (code == null ? "" : code + ": ") + message + (requestId == null ? "" : " (request " + requestId + ")"),
                code, requestId, e);
    }
}
