package dev.cloudwarden.app.live.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * An SQS queue URL ({@code https://sqs.eu-west-1.amazonaws.com/111122223333/trail}). The URL names the queue's
 * endpoint, so the client is sent there (AWS, a VPC endpoint, LocalStack or a test fake alike); an AWS host also
 * names the queue's region, which wins over the configured one (that is the bucket's, and a queue in another region
 * must be signed for its own).
 */
public record QueueUrl(URI uri) {
    public QueueUrl {
        if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("'" + uri + "' is not an SQS queue URL "
                    + "(https://sqs.REGION.amazonaws.com/ACCOUNT/QUEUE)");
        }
    }

    public static QueueUrl parse(String url) {
        try {
            return new QueueUrl(new URI(url));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not an SQS queue URL: " + e.getReason(), e);
        }
    }

    /** The endpoint the URL names: scheme, host and port. */
    public URI endpoint() {
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    /**
     * The region to sign for: the one in an AWS host ({@code sqs.R.amazonaws.com}, {@code sqs-fips.R...},
     * {@code vpce-....sqs.R.vpce.amazonaws.com}, the legacy {@code R.queue.amazonaws.com} and
     * {@code queue.amazonaws.com} for us-east-1), otherwise {@code configured}.
     *
     * @throws IllegalArgumentException when neither the host nor the settings give one
     */
    public String region(String configured) {
        String fromHost = hostRegion();
        if (fromHost != null) {
            return fromHost;
        }
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException(uri + ": the queue's region is not in its host; set the region");
        }
        return configured;
    }

    private String hostRegion() {
        String host = uri.getHost().toLowerCase(java.util.Locale.ROOT);
        if (!host.endsWith(".amazonaws.com") && !host.endsWith(".amazonaws.com.cn")) {
            return null;
        }
        if (host.equals("queue.amazonaws.com")) {
            return "us-east-1";
        }
        List<String> labels = List.of(host.split("\\."));
        for (int i = 0; i + 1 < labels.size(); i++) {
            String label = labels.get(i);
            if (label.equals("sqs") || label.equals("sqs-fips")) {
                return labels.get(i + 1);
            }
            if (label.equals("queue") && i > 0) {
                return labels.get(i - 1);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
