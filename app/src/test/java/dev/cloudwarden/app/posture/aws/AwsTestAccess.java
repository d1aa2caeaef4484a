package dev.cloudwarden.app.posture.aws;

import java.net.URI;

/** The fake account for tests of other packages (the command's): its endpoint, and closing it. */
public final class AwsTestAccess implements AutoCloseable {
    private final FakeAws aws;

    public AwsTestAccess(String... layers) {
        aws = new FakeAws(layers);
    }

    public URI endpoint() {
        return aws.endpoint();
    }

    /** The bucket's Get* of this subresource answers AccessDenied. */
    public void deny(String bucket, String subresource) {
        aws.deny(bucket, subresource);
    }

    @Override
    public void close() {
        aws.close();
    }
}
