package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.aws.AwsClientConfig;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * The two calls of the classic Elastic Load Balancing API a response needs. The SDK's own module for it is not
 * published at the BOM's version (Maven Central stops at an older release), and mixing SDK versions is unsupported;
 * so the two Query calls are made here with the SDK's own SigV4 signer and HTTP client, the same credentials and
 * endpoint as every other client, and a retry of throttling and 5xx like standard mode's. Errors come back as the
 * SDK's {@link AwsServiceException} so callers treat them like any other client's.
 */
public final class ClassicElb implements AutoCloseable {
    private static final String VERSION = "2012-06-01";
    private static final String SIGNING_NAME = "elasticloadbalancing";
    private final AwsClientConfig config;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final URI endpoint;

    /** A load balancer and the instances registered with it. */
    public record LoadBalancer(String name, List<String> instances) {
    }

    /** A call's result and its request id (the audit trail keeps it). */
    public record Result<T>(T value, String requestId) {
    }

    ClassicElb(AwsClientConfig config) {
        this.config = config;
        this.endpoint = config.endpoint() != null ? config.endpoint()
                : URI.create("https://elasticloadbalancing." + config.region() + ".amazonaws.com");
    }

    public Result<List<LoadBalancer>> describeLoadBalancers() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "DescribeLoadBalancers");
        Element root = call(params);
        List<LoadBalancer> out = new ArrayList<>();
        for (Element lb : members(child(child(root, "DescribeLoadBalancersResult"), "LoadBalancerDescriptions"))) {
            List<String> ids = new ArrayList<>();
            for (Element i : members(child(lb, "Instances"))) {
                ids.add(text(i, "InstanceId"));
            }
            out.add(new LoadBalancer(text(lb, "LoadBalancerName"), ids));
        }
        return new Result<>(out, requestId(root));
    }

    public Result<Void> deregisterInstance(String loadBalancer, String instanceId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "DeregisterInstancesFromLoadBalancer");
        params.put("LoadBalancerName", loadBalancer);
        params.put("Instances.member.1.InstanceId", instanceId);
        return new Result<>(null, requestId(call(params)));
    }

    private Element call(Map<String, String> params) {
        params.put("Version", VERSION);
        StringBuilder form = new StringBuilder();
        params.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&").append(encode(k)).append('=').append(encode(v)));
        byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
        AwsServiceException last = null;
        for (int attempt = 1; attempt <= AwsClientConfig.MAX_ATTEMPTS; attempt++) {
            try {
                return send(body);
            } catch (AwsServiceException e) {
                if (!e.isThrottlingException() && e.statusCode() < 500) {
                    throw e;
                }
                last = e;
                backoff(attempt, e.isThrottlingException());
            }
        }
        throw last;
    }

    private Element send(byte[] body) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint).encodedPath("/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .putHeader("Content-Length", String.valueOf(body.length)).build();
        AwsCredentialsIdentity identity = config.credentials().resolveIdentity().join();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, config.region()));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            byte[] bytes;
            try (InputStream in = response.responseBody().map(s -> (InputStream) s).orElse(InputStream.nullInputStream())) {
                bytes = in.readAllBytes();
            }
            Element root = parse(bytes);
            int status = response.httpResponse().statusCode();
            if (status >= 300) {
                Element error = child(root, "Error");
                throw AwsServiceException.builder().statusCode(status).requestId(requestId(root))
                        .message(text(error, "Message"))
                        .awsErrorDetails(AwsErrorDetails.builder().serviceName("ElasticLoadBalancing")
                                .errorCode(text(error, "Code")).errorMessage(text(error, "Message"))
                                .sdkHttpResponse(response.httpResponse()).build())
                        .build();
            }
            return root;
        } catch (IOException e) {
            throw SdkClientException.create("classic ELB call failed: " + e.getMessage(), e);
        }
    }

    /** Standard mode's shape: exponential with full jitter, a longer base when throttled. */
    private static void backoff(int attempt, boolean throttled) {
        long base = throttled ? 500 : 100;
        long ceiling = Math.min(20_000, base << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while backing off", e);
        }
    }

    private static String requestId(Element root) {
        Element metadata = child(root, "ResponseMetadata");
        return metadata != null ? text(metadata, "RequestId") : text(root, "RequestId");
    }

    private static Element parse(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
        } catch (Exception e) {
            throw SdkClientException.create("classic ELB answered something that is not XML: " + e.getMessage(), e);
        }
    }

    private static List<Element> members(Element parent) {
        List<Element> out = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals("member")) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    return e;
                }
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element c = child(parent, name);
        return c == null ? null : c.getTextContent().trim();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    @Override
    public void close() {
        http.close();
    }
}
