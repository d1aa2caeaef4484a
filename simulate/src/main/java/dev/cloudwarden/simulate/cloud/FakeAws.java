package dev.cloudwarden.simulate.cloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cloudwarden.simulate.scenario.World;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful fake of the AWS endpoints the response actions call, on one loopback port as LocalStack-likes serve
 * them: EC2, IAM, STS, Auto Scaling and both load balancer APIs over AWS Query, S3 and Route 53 over REST-XML,
 * CloudTrail over JSON 1.1. The real SDK clients talk to it with their endpoint set to {@link #endpoint()} (S3
 * path-style). It holds {@link #state()}, which tests read to check what a response left behind, answers errors as
 * AWS writes them (code, message, request id, status), and fails chosen operations on request ({@link #fail}).
 *
 * <p>It does not check signatures: any credentials are accepted.
 */
public final class FakeAws implements AutoCloseable {
    static {
        // the JDK server leaves Nagle's algorithm on: with the client's delayed ACKs every small reply waits ~40 ms
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final CloudState state = new CloudState();
    private final Ec2Api ec2 = new Ec2Api(state, World.ACCOUNT);
    private final QueryApi query = new QueryApi(state, World.ACCOUNT);
    private final RestApi rest = new RestApi(state);
    private final TrailApi trail = new TrailApi(state);
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<Fault> faults = new ArrayList<>();
    private final AtomicInteger requestIds = new AtomicInteger();

    private FakeAws(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** An empty fake on a free loopback port. */
    public static FakeAws start() throws IOException {
        return new FakeAws(0);
    }

    /** A fake on {@code port} (0: any free one) holding the simulated estate ({@link EstateSeed}). */
    public static FakeAws startWithEstate(int port) throws IOException {
        FakeAws fake = new FakeAws(port);
        EstateSeed.into(fake.state);
        return fake;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public CloudState state() {
        return state;
    }

    /** Every HTTP request received, whatever its service. */
    public int requests() {
        return requests.get();
    }

    /** Requests for one operation ({@code CreateSnapshot}, {@code PutBucketPolicy}). */
    public int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    /**
     * Fails calls {@code first}, {@code first + 1} ... {@code first + times - 1} of {@code operation} (counted from 1)
     * with this status and code, as AWS would: "fail the 2nd CreateSnapshot with InternalError" is
     * {@code fail("CreateSnapshot", 2, 1, 500, "InternalError")}.
     */
    public synchronized FakeAws fail(String operation, int first, int times, int status, String code) {
        faults.add(new Fault(operation, first, first + times - 1, status, code));
        return this;
    }

    /** Throttles the next {@code times} calls of {@code operation} with the code its service uses. */
    public FakeAws throttle(String operation, String service, int times) {
        int next = calls(operation) + 1;
        return switch (service) {
            case "ec2" -> fail(operation, next, times, 503, "RequestLimitExceeded");
            case "s3" -> fail(operation, next, times, 503, "SlowDown");
            case "cloudtrail" -> fail(operation, next, times, 400, "ThrottlingException");
            default -> fail(operation, next, times, 400, "Throttling");
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private record Fault(String operation, int from, int to, int status, String code) {
    }

    /** What the fake answers. */
    record Reply(int status, String contentType, byte[] body) {
        static Reply of(int status, String contentType, String body) {
            return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
        }

        static Reply xml(int status, String body) {
            return of(status, "text/xml", body);
        }
    }

    /** How the request's service speaks, which decides how an error is written. */
    private enum Protocol { EC2, QUERY, S3, ROUTE53, JSON }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        String requestId = new UUID(0xC10D0000L, requestIds.incrementAndGet()).toString();
        byte[] body = ex.getRequestBody().readAllBytes();
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        Map<String, String> queryString = queryString(ex.getRequestURI().getRawQuery());
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        Protocol protocol = Protocol.S3;
        Reply reply;
        try {
            synchronized (state) {
                if (target != null) {
                    protocol = Protocol.JSON;
                    String operation = target.substring(target.lastIndexOf('.') + 1);
                    count(operation);
                    reply = Reply.of(200, "application/x-amz-json-1.1", trail.handle(operation, body));
                } else if (RestApi.isRoute53(path)) {
                    protocol = Protocol.ROUTE53;
                    String operation = RestApi.operation(method, path, queryString);
                    count(operation);
                    reply = rest.route53(operation, path, queryString, body, requestId);
                } else if (method.equals("POST") && path.equals("/") && isForm(ex)) {
                    Form form = Form.parse(new String(body, StandardCharsets.UTF_8));
                    String service = service(form.get("Version"));
                    protocol = service.equals("ec2") ? Protocol.EC2 : Protocol.QUERY;
                    String action = form.required("Action");
                    count(action);
                    reply = Reply.xml(200, service.equals("ec2") ? ec2.handle(action, form, requestId)
                            : query.handle(service, action, form, requestId));
                } else {
                    String operation = RestApi.operation(method, path, queryString);
                    count(operation);
                    reply = rest.s3(operation, path, body);
                }
            }
        } catch (AwsFault f) {
            reply = error(protocol, f, requestId);
        } catch (RuntimeException e) {
            reply = error(protocol, new AwsFault(500, "InternalError", "the fake failed: " + e), requestId);
        }
        ex.getResponseHeaders().add("x-amzn-RequestId", requestId);
        ex.getResponseHeaders().add("x-amz-request-id", requestId);
        ex.getResponseHeaders().add("Content-Type", reply.contentType());
        boolean empty = reply.body().length == 0 || method.equals("HEAD");
        ex.sendResponseHeaders(reply.status(), empty ? -1 : reply.body().length);
        if (!empty) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(reply.body());
            }
        }
        ex.close();
    }

    /** Counts the call and throws the fault injected for it, if any. */
    private synchronized void count(String operation) {
        int n = calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        for (Fault f : faults) {
            if (f.operation().equals(operation) && n >= f.from() && n <= f.to()) {
                throw new AwsFault(f.status(), f.code(), "injected: " + f.code() + " on call " + n + " of " + operation);
            }
        }
    }

    private static boolean isForm(HttpExchange ex) {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        return type != null && type.startsWith("application/x-www-form-urlencoded");
    }

    /** Each Query API has its own version, so the version names the service. */
    private static String service(String version) {
        return switch (version == null ? "" : version) {
            case "2016-11-15" -> "ec2";
            case "2010-05-08" -> "iam";
            case "2011-06-15" -> "sts";
            case "2011-01-01" -> "autoscaling";
            case "2015-12-01" -> "elbv2";
            case "2012-06-01" -> "elb";
            default -> throw AwsFault.invalid("InvalidAction", "unknown API version " + version);
        };
    }

    private static Reply error(Protocol protocol, AwsFault f, String requestId) {
        String code = f.code();
        String message = f.getMessage();
        return switch (protocol) {
            case EC2 -> Reply.xml(f.status(), new Xml("Response", null).open("Errors").open("Error").leaf("Code", code)
                    .leaf("Message", message).close().close().leaf("RequestID", requestId).done());
            case QUERY, ROUTE53 -> Reply.xml(f.status(), new Xml("ErrorResponse", null).open("Error")
                    .leaf("Type", f.status() >= 500 ? "Receiver" : "Sender").leaf("Code", code).leaf("Message", message)
                    .close().leaf("RequestId", requestId).done());
            case S3 -> Reply.xml(f.status(), new Xml("Error", null).leaf("Code", code).leaf("Message", message)
                    .leaf("RequestId", requestId).done());
            case JSON -> Reply.of(f.status(), "application/x-amz-json-1.1",
                    "{\"__type\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}");
        };
    }

    private static Map<String, String> queryString(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                q.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    /** {@code java ... FakeAws [--port 4566]}: the simulated estate's AWS on loopback until interrupted. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length == 2 && args[0].equals("--port") ? Integer.parseInt(args[1]) : 4566;
        try (FakeAws fake = startWithEstate(port)) {
            System.err.println("fake AWS (simulated estate) at " + fake.endpoint() + "; Ctrl-C stops it");
            Thread.currentThread().join();
        }
    }
}
