package dev.cloudwarden.app.posture.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * One AWS account on loopback, every service at one endpoint as LocalStack-likes serve them: the Query protocol
 * (EC2, IAM, STS, RDS) told apart by its Action, CloudTrail's JSON 1.1 by X-Amz-Target, S3 path-style by the
 * request path. The answers are the files of {@code src/test/resources/posture/aws} (see the README there), in
 * layers: a later layer's file answers before an earlier one's.
 */
final class FakeAws implements AutoCloseable {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";

    final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

    FakeAws(String... layers) {
        server.start();
        for (int i = 0; i < layers.length; i++) {
            load(layers[i], 20 - 2 * i);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    AwsAccess access() {
        return new AwsAccess(null, endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "fake-secret")));
    }

    AwsLiveScan.Collected collect() {
        return new AwsLiveScan(access(), new AwsLiveScan.Options(List.of(REGION), false, java.time.Duration.ZERO)).collect();
    }

    /** A Query-protocol action's request, to stub an answer of a test's own. */
    static MappingBuilder query(String action) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    /** The bucket's Get* of this subresource answers AccessDenied. */
    void deny(String bucket, String subresource) {
        server.stubFor(s3(bucket, subresource).atPriority(1).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>1</RequestId></Error>")));
    }

    static MappingBuilder s3(String bucket, String subresource) {
        return get(urlPathEqualTo("/" + bucket)).withQueryParam(subresource, matching(".*"));
    }

    private void load(String layer, int priority) {
        Path root = resources().resolve(layer);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String[] parts = root.relativize(f).toString().split("/");
                String[] name = parts[parts.length - 1].split("\\.");
                String variant = name.length > 3 || name.length == 3 && !isStatus(name[1]) ? name[1] : "";
                int status = name.length >= 3 && isStatus(name[name.length - 2]) ? Integer.parseInt(name[name.length - 2]) : 200;
                MappingBuilder request = request(parts, name[0]);
                if (!variant.isEmpty()) {
                    request = request.withRequestBody(containing(variant.equals("public") ? "RestorableBy.1=all" : "=page2"));
                }
                server.stubFor(request.atPriority(variant.isEmpty() ? priority : priority - 1).willReturn(aResponse()
                        .withStatus(status).withHeader("Content-Type", contentType(parts[0], f))
                        .withBody(Files.readString(f))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MappingBuilder request(String[] parts, String name) {
        return switch (parts[0]) {
            case "query" -> query(name);
            case "json" -> post(urlEqualTo("/")).withHeader("X-Amz-Target", matching(".*\\." + name));
            case "s3" -> parts.length == 2 ? get(urlPathEqualTo("/")) : s3(parts[1], name);
            default -> throw new IllegalArgumentException("unknown protocol folder " + parts[0]);
        };
    }

    private static boolean isStatus(String s) {
        return s.matches("\\d{3}");
    }

    private static String contentType(String protocol, Path f) {
        return protocol.equals("json") ? "application/x-amz-json-1.1"
                : f.toString().endsWith(".json") ? "application/json" : "text/xml";
    }

    static Path resources() {
        try {
            return Path.of(FakeAws.class.getResource("/posture/aws").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
