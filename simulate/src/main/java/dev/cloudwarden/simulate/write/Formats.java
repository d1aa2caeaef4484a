package dev.cloudwarden.simulate.write;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.event.Json;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Lines in each source's native format, as the services write them. */
public final class Formats {
    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOG4J = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EXIM = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** Writes one JSON object with the body given; keys and values are escaped by Jackson. */
    public static String json(JsonBody body) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The body of a JSON object being written. */
    @FunctionalInterface
    public interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    public static String isoSeconds(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** VPC flow log v2 line. */
    public static String flow(String account, String eni, String src, String dst, int srcPort, int dstPort, int proto,
                              long packets, long bytes, Instant start, boolean accept) {
        long s = start.getEpochSecond();
        return "2 " + account + " " + eni + " " + src + " " + dst + " " + srcPort + " " + dstPort + " " + proto + " "
                + packets + " " + bytes + " " + s + " " + (s + 60) + " " + (accept ? "ACCEPT" : "REJECT") + " OK";
    }

    public static String syslog(Instant t, String host, String program, int pid, String message) {
        return syslog(t, host, program + "[" + pid + "]", message);
    }

    /** A syslog line whose tag has no pid ({@code sudo:}, {@code su:}). */
    public static String syslog(Instant t, String host, String tag, String message) {
        return SYSLOG.format(t) + " " + host + " " + tag + ": " + message;
    }

    public static String combined(String ip, String user, Instant t, String method, String target, int status, long bytes,
                                  String referer, String agent) {
        return ip + " - " + user + " [" + CLF.format(t) + "] \"" + method + " " + target + " HTTP/1.1\" " + status + " "
                + bytes + " \"" + referer + "\" \"" + agent + "\"";
    }

    /**
     * An Application Load Balancer access-log line (AWS's field order) for a request to {@code vhost} that the
     * balancer forwarded to {@code target} (address:port); the URL in the request carries the Host, as ALB writes it.
     */
    public static String alb(Instant t, String client, String target, String method, String vhost, String path, int status,
                             long bytes, String agent) {
        String time = t.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
        String tg = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/shop-web/73e2d6bc24d8a067";
        return "https " + time + " app/shop-alb/50dc6c495c0c9188 " + client + " " + target + " 0.000 0.012 0.000 "
                + status + " " + status + " 340 " + bytes + " \"" + method + " https://" + vhost + ":443" + path
                + " HTTP/1.1\" \"" + agent + "\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 " + tg + " \"Root=1-"
                + Long.toHexString(t.getEpochSecond()) + "-" + Integer.toHexString((vhost + path + t).hashCode()) + "\" \""
                + vhost + "\" \"arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012\" 0 "
                + time + " \"forward\" \"-\" \"-\" \"" + target + "\" \"" + status + "\" \"-\" \"-\"";
    }

    /** A dockerd log line as journald forwards it to syslog: the host, then dockerd's own logfmt. */
    public static String dockerd(Instant t, String host, String level, String msg) {
        return syslog(t, host, "dockerd", 812, "time=\"" + t + "\" level=" + level + " msg=\""
                + msg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }

    /** The name EC2 gives an instance by default, from its private address ({@code ip-10-0-2-20}). */
    public static String ec2Hostname(String privateIp) {
        return "ip-" + privateIp.replace('.', '-');
    }

    public static String yarnAudit(Instant t, String level, String pairs) {
        return LOG4J.format(t) + " " + level + " resourcemanager.RMAuditLogger: " + pairs;
    }

    /** A ResourceManager log line of {@code logger} (Hadoop's {@code %d{ISO8601} %p %c: %m} layout). */
    public static String yarnLog(Instant t, String level, String logger, String message) {
        return LOG4J.format(t) + " " + level + " " + logger + ": " + message;
    }

    public static String exim(Instant t, String text) {
        return EXIM.format(t) + " " + text;
    }

    public static String route53(String account, String vpc, Instant t, String name, String type, String rcode,
                                 String answer, String src, String instance) {
        return json(g -> {
            g.writeStringField("version", "1.100000");
            g.writeStringField("account_id", account);
            g.writeStringField("region", "us-east-1");
            g.writeStringField("vpc_id", vpc);
            g.writeStringField("query_timestamp", t.toString());
            g.writeStringField("query_name", name);
            g.writeStringField("query_type", type);
            g.writeStringField("query_class", "IN");
            g.writeStringField("rcode", rcode);
            g.writeArrayFieldStart("answers");
            if (answer != null) {
                g.writeStartObject();
                g.writeStringField("Rdata", answer);
                g.writeStringField("Type", type);
                g.writeStringField("Class", "IN");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("srcaddr", src);
            g.writeStringField("srcport", "53" + (t.getNano() % 900 + 100));
            g.writeStringField("transport", "UDP");
            g.writeObjectFieldStart("srcids");
            g.writeStringField("instance", instance);
            g.writeEndObject();
        });
    }
}
