package dev.cloudwarden.app.live.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * One SQS queue on loopback, speaking the AWS JSON 1.0 protocol the SDK's SqsClient uses ({@code X-Amz-Target:
 * AmazonSQS.ReceiveMessage}): messages with receipt handles that change on each receive, in flight until deleted or
 * until {@link #expireVisibility()} (the visibility timeout, on the test's command), DeleteMessageBatch by the current
 * receipt handle only, and the queue's depth.
 */
final class FakeSqs implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Held> queue = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    private int receives;
    private JsonNode lastReceive;
    private String failWith;

    private static final class Held {
        final String id = UUID.randomUUID().toString();
        final String body;
        String receipt;
        int received;

        Held(String body) {
            this.body = body;
        }
    }

    FakeSqs() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String queueUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/111122223333/trail";
    }

    /** Puts a message on the queue; returns its id. */
    synchronized String send(String body) {
        Held h = new Held(body);
        queue.add(h);
        return h.id;
    }

    /** The visibility timeout passes: every message received and not deleted can be received again. */
    synchronized void expireVisibility() {
        queue.forEach(h -> h.receipt = null);
    }

    /** Ids of the messages still on the queue, in flight or not. */
    synchronized List<String> remaining() {
        return queue.stream().map(h -> h.id).toList();
    }

    synchronized List<String> deleted() {
        return List.copyOf(deleted);
    }

    /** The last ReceiveMessage request, as sent. */
    synchronized JsonNode lastReceive() {
        return lastReceive;
    }

    synchronized int receives() {
        return receives;
    }

    /** The next receives answer this SQS error type ({@code QueueDoesNotExist}), or succeed again when null. */
    synchronized void failReceives(String type) {
        failWith = type;
    }

    private synchronized void handle(HttpExchange x) throws IOException {
        String target = x.getRequestHeaders().getFirst("X-Amz-Target");
        JsonNode request = JSON.readTree(x.getRequestBody().readAllBytes());
        if (!queueUrl().equals(request.path("QueueUrl").asText())) {
            reply(x, 400, error("QueueDoesNotExist", "no queue " + request.path("QueueUrl").asText()));
            return;
        }
        switch (target == null ? "" : target) {
            case "AmazonSQS.ReceiveMessage" -> receive(x, request);
            case "AmazonSQS.DeleteMessageBatch" -> reply(x, 200, deleteBatch(request));
            case "AmazonSQS.GetQueueAttributes" -> reply(x, 200, attributes());
            default -> reply(x, 400, error("UnsupportedOperation", "the fake does not do " + target));
        }
    }

    private void receive(HttpExchange x, JsonNode request) throws IOException {
        receives++;
        lastReceive = request;
        if (failWith != null) {
            reply(x, 400, error(failWith, "the queue is not there"));
            return;
        }
        int max = request.path("MaxNumberOfMessages").asInt(1);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode messages = out.putArray("Messages");
        for (Held h : queue) {
            if (h.receipt == null && messages.size() < max) {
                h.receipt = UUID.randomUUID().toString();
                h.received++;
                messages.addObject().put("MessageId", h.id).put("ReceiptHandle", h.receipt)
                        .put("MD5OfBody", md5(h.body)).put("Body", h.body);
            }
        }
        reply(x, 200, out);
    }

    private ObjectNode deleteBatch(JsonNode request) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode ok = out.putArray("Successful");
        ArrayNode failed = out.putArray("Failed");
        for (JsonNode e : request.path("Entries")) {
            String receipt = e.path("ReceiptHandle").asText();
            Held h = queue.stream().filter(q -> receipt.equals(q.receipt)).findFirst().orElse(null);
            if (h == null) {
                failed.addObject().put("Id", e.path("Id").asText()).put("SenderFault", true)
                        .put("Code", "ReceiptHandleIsInvalid").put("Message", "stale receipt handle");
            } else {
                queue.remove(h);
                deleted.add(h.id);
                ok.addObject().put("Id", e.path("Id").asText());
            }
        }
        return out;
    }

    private ObjectNode attributes() {
        long inFlight = queue.stream().filter(h -> h.receipt != null).count();
        ObjectNode out = JSON.createObjectNode();
        out.putObject("Attributes").put("ApproximateNumberOfMessages", Long.toString(queue.size() - inFlight))
                .put("ApproximateNumberOfMessagesNotVisible", Long.toString(inFlight));
        return out;
    }

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("__type", "com.amazonaws.sqs#" + type).put("message", message);
    }

    private static void reply(HttpExchange x, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        x.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    /** The SDK checks each body against its MD5, as SQS sends it. */
    private static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
