package dev.cloudwarden.simulate.cloud;

import dev.cloudwarden.simulate.cloud.CloudState.Bucket;
import dev.cloudwarden.simulate.cloud.CloudState.HostedZone;
import dev.cloudwarden.simulate.cloud.CloudState.PublicAccessBlock;
import dev.cloudwarden.simulate.cloud.CloudState.RecordSet;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** S3 (path-style) and Route 53 over REST-XML: the operation is the method, the path and a sub-resource. */
final class RestApi {
    static final String S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    static final String R53_NS = "https://route53.amazonaws.com/doc/2013-04-01/";
    private static final String R53 = "/2013-04-01/";
    private final CloudState s;

    RestApi(CloudState state) {
        this.s = state;
    }

    static boolean isRoute53(String path) {
        return path.startsWith(R53);
    }

    /** The operation name AWS gives a request, for fault injection and counting. */
    static String operation(String method, String path, Map<String, String> query) {
        if (isRoute53(path)) {
            String rest = trim(path.substring(R53.length()));
            if (rest.startsWith("change/")) {
                return "GetChange";
            }
            if (rest.endsWith("/rrset")) {
                return method.equals("POST") ? "ChangeResourceRecordSets" : "ListResourceRecordSets";
            }
            return "GetHostedZone";
        }
        String verb = switch (method) {
            case "GET" -> "Get";
            case "PUT" -> "Put";
            case "DELETE" -> "Delete";
            default -> "Head";
        };
        if (query.containsKey("policy")) {
            return verb + "BucketPolicy";
        }
        if (query.containsKey("publicAccessBlock")) {
            return verb + "PublicAccessBlock";
        }
        return verb + "Bucket";
    }

    FakeAws.Reply s3(String operation, String path, byte[] body) {
        String name = trim(path).substring(1);
        Bucket b = s.buckets.get(name);
        if (b == null) {
            throw AwsFault.notFound("NoSuchBucket", "The specified bucket does not exist");
        }
        switch (operation) {
            case "GetBucketPolicy" -> {
                if (b.policy == null) {
                    throw AwsFault.notFound("NoSuchBucketPolicy", "The bucket policy does not exist");
                }
                return FakeAws.Reply.of(200, "application/json", b.policy);
            }
            case "PutBucketPolicy" -> b.policy = new String(body, StandardCharsets.UTF_8);
            case "DeleteBucketPolicy" -> b.policy = null;
            case "GetPublicAccessBlock" -> {
                PublicAccessBlock p = b.publicAccessBlock;
                if (p == null) {
                    throw AwsFault.notFound("NoSuchPublicAccessBlockConfiguration",
                            "The public access block configuration was not found");
                }
                return FakeAws.Reply.xml(200, new Xml("PublicAccessBlockConfiguration", S3_NS)
                        .leaf("BlockPublicAcls", p.blockPublicAcls()).leaf("IgnorePublicAcls", p.ignorePublicAcls())
                        .leaf("BlockPublicPolicy", p.blockPublicPolicy())
                        .leaf("RestrictPublicBuckets", p.restrictPublicBuckets()).done());
            }
            case "PutPublicAccessBlock" -> {
                Element c = Xml.parse(body);
                b.publicAccessBlock = new PublicAccessBlock(bool(c, "BlockPublicAcls"), bool(c, "IgnorePublicAcls"),
                        bool(c, "BlockPublicPolicy"), bool(c, "RestrictPublicBuckets"));
            }
            case "DeletePublicAccessBlock" -> b.publicAccessBlock = null;
            case "HeadBucket", "GetBucket" -> {
                return FakeAws.Reply.of(200, "application/xml", "");
            }
            default -> throw new AwsFault(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
        }
        return FakeAws.Reply.of(operation.startsWith("Delete") ? 204 : 200, "application/xml", "");
    }

    private static boolean bool(Element parent, String name) {
        return "true".equals(Xml.text(parent, name));
    }

    FakeAws.Reply route53(String operation, String path, Map<String, String> query, byte[] body, String requestId) {
        String rest = trim(path.substring(R53.length()));
        if (operation.equals("GetChange")) {
            String id = rest.substring("change/".length());
            Integer seen = s.changeDescribes.get(id);
            if (seen == null) {
                throw AwsFault.notFound("NoSuchChange", "A change with the specified change ID does not exist.");
            }
            s.changeDescribes.put(id, seen + 1);
            return FakeAws.Reply.xml(200, changeInfo("GetChangeResponse", id, seen >= 1 ? "INSYNC" : "PENDING"));
        }
        String zoneId = rest.split("/")[1];
        HostedZone z = s.zones.get(zoneId);
        if (z == null) {
            throw AwsFault.notFound("NoSuchHostedZone", "No hosted zone found with ID: " + zoneId);
        }
        return switch (operation) {
            case "ChangeResourceRecordSets" -> {
                change(z, Xml.parse(body));
                String id = "C" + s.newId("c").substring(2).toUpperCase();
                s.changeDescribes.put(id, 0);
                yield FakeAws.Reply.xml(200, changeInfo("ChangeResourceRecordSetsResponse", id, "PENDING"));
            }
            case "ListResourceRecordSets" -> FakeAws.Reply.xml(200, list(z, query));
            default -> FakeAws.Reply.xml(200, new Xml("GetHostedZoneResponse", R53_NS).open("HostedZone")
                    .leaf("Id", "/hostedzone/" + z.id).leaf("Name", z.name).leaf("CallerReference", requestId)
                    .leaf("ResourceRecordSetCount", z.records.size()).done());
        };
    }

    private static String changeInfo(String root, String id, String status) {
        return new Xml(root, R53_NS).open("ChangeInfo").leaf("Id", "/change/" + id).leaf("Status", status)
                .leaf("SubmittedAt", Instant.now().toString()).done();
    }

    /** A batch applies whole or not at all; CREATE of an existing set and DELETE of a different one are refused. */
    private static void change(HostedZone z, Element request) {
        List<RecordSet> after = new ArrayList<>(z.records);
        Element changes = Xml.child(Xml.child(request, "ChangeBatch"), "Changes");
        for (Element c : Xml.children(changes, "Change")) {
            String action = Xml.text(c, "Action");
            Element set = Xml.child(c, "ResourceRecordSet");
            List<String> values = new ArrayList<>();
            for (Element r : Xml.children(Xml.child(set, "ResourceRecords"), "ResourceRecord")) {
                values.add(Xml.text(r, "Value"));
            }
            String name = dotted(Xml.text(set, "Name"));
            String type = Xml.text(set, "Type");
            String ttl = Xml.text(set, "TTL");
            Element aliasTarget = Xml.child(set, "AliasTarget");
            RecordSet rs;
            if (aliasTarget != null) {
                if (ttl != null || !values.isEmpty()) {
                    throw AwsFault.invalid("InvalidInput", "Invalid request: an alias resource record set of name='" + name
                            + "' has neither a TTL nor ResourceRecords");
                }
                rs = RecordSet.alias(name, type, new CloudState.Alias(Xml.text(aliasTarget, "HostedZoneId"),
                        dotted(Xml.text(aliasTarget, "DNSName")), "true".equals(Xml.text(aliasTarget, "EvaluateTargetHealth"))));
            } else {
                rs = new RecordSet(name, type, ttl == null ? 300 : Long.parseLong(ttl), values);
            }
            boolean exists = after.removeIf(r -> r.name().equalsIgnoreCase(name) && r.type().equals(type)
                    && (!action.equals("DELETE") || r.equals(rs)));
            switch (action) {
                case "CREATE" -> {
                    if (exists) {
                        throw AwsFault.invalid("InvalidChangeBatch", "[Tried to create resource record set [name='"
                                + name + "', type='" + type + "'] but it already exists]");
                    }
                    after.add(rs);
                }
                case "DELETE" -> {
                    if (!exists) {
                        throw AwsFault.invalid("InvalidChangeBatch", "[Tried to delete resource record set [name='"
                                + name + "', type='" + type + "'] but it was not found]");
                    }
                }
                default -> after.add(rs);
            }
        }
        z.records.clear();
        z.records.addAll(after);
    }

    private static String list(HostedZone z, Map<String, String> query) {
        String start = query.get("name") == null ? null : dotted(query.get("name"));
        String type = query.get("type");
        int max = query.get("maxitems") == null ? 300 : Integer.parseInt(query.get("maxitems"));
        List<RecordSet> sorted = new ArrayList<>(z.records);
        sorted.sort(Comparator.comparing(RecordSet::name).thenComparing(RecordSet::type));
        List<RecordSet> from = sorted.stream().filter(r -> start == null || r.name().compareTo(start) > 0
                || (r.name().equals(start) && (type == null || r.type().compareTo(type) >= 0))).toList();
        Xml x = new Xml("ListResourceRecordSetsResponse", R53_NS).open("ResourceRecordSets");
        for (RecordSet r : from.subList(0, Math.min(max, from.size()))) {
            x.open("ResourceRecordSet").leaf("Name", r.name()).leaf("Type", r.type());
            if (r.alias() != null) {
                x.open("AliasTarget").leaf("HostedZoneId", r.alias().hostedZoneId()).leaf("DNSName", r.alias().dnsName())
                        .leaf("EvaluateTargetHealth", r.alias().evaluateTargetHealth()).close();
            } else {
                x.leaf("TTL", r.ttl()).open("ResourceRecords");
                r.values().forEach(v -> x.open("ResourceRecord").leaf("Value", v).close());
                x.close();
            }
            x.close();
        }
        x.close().leaf("IsTruncated", from.size() > max);
        if (from.size() > max) {
            x.leaf("NextRecordName", from.get(max).name()).leaf("NextRecordType", from.get(max).type());
        }
        return x.leaf("MaxItems", max).done();
    }

    static String dotted(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    private static String trim(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
