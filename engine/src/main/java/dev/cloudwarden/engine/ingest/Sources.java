package dev.cloudwarden.engine.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.azure.AzureActivityFormat;
import dev.cloudwarden.engine.ingest.azure.AzureSignInFormat;
import dev.cloudwarden.engine.ingest.cloudtrail.CloudTrailFormat;
import dev.cloudwarden.engine.ingest.docker.DockerFormat;
import dev.cloudwarden.engine.ingest.exim.EximFormat;
import dev.cloudwarden.engine.ingest.gcp.GcpAuditFormat;
import dev.cloudwarden.engine.ingest.generic.GenericJsonFormat;
import dev.cloudwarden.engine.ingest.k8saudit.K8sAuditFormat;
import dev.cloudwarden.engine.ingest.parse.JsonFormat;
import dev.cloudwarden.engine.ingest.parse.JsonRecordParser;
import dev.cloudwarden.engine.ingest.parse.LineFormat;
import dev.cloudwarden.engine.ingest.parse.SourceDescriptor;
import dev.cloudwarden.engine.ingest.route53.Route53ResolverFormat;
import dev.cloudwarden.engine.ingest.s3access.S3AccessFormat;
import dev.cloudwarden.engine.ingest.sshd.SshdFormat;
import dev.cloudwarden.engine.ingest.vpcflow.VpcFlowFormat;
import dev.cloudwarden.engine.ingest.web.WebFormat;
import dev.cloudwarden.engine.ingest.yarn.YarnFormat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every log source CloudWarden reads: the registry, one descriptor per source (see {@link SourceDescriptor}). It
 * sits above the source packages, so no source package depends on it. The order is the detection order: an input's
 * first record goes to the first JSON format that recognizes it, its first line to the first line format, so a
 * format whose signature is more specific comes before one that would also claim the input.
 */
public final class Sources {
    private final List<SourceDescriptor> all;
    private final Map<SourceType, SourceDescriptor> bySource = new EnumMap<>(SourceType.class);
    private final List<JsonFormat> jsonFormats;
    private final List<LineFormat> lineFormats;

    Sources(List<SourceDescriptor> descriptors) {
        all = List.copyOf(descriptors);
        for (SourceDescriptor d : all) {
            if (bySource.put(d.source(), d) != null) {
                throw new IllegalArgumentException("two descriptors for source " + d.source().id());
            }
        }
        jsonFormats = all.stream().filter(JsonFormat.class::isInstance).map(JsonFormat.class::cast).toList();
        lineFormats = all.stream().filter(LineFormat.class::isInstance).map(LineFormat.class::cast).toList();
    }

    public static Sources standard() {
        return new Sources(List.of(
                new CloudTrailFormat(),
                new K8sAuditFormat(),
                new GcpAuditFormat(),
                new Route53ResolverFormat(),
                new AzureSignInFormat(), // before activity: exported sign-ins have an activity record's members too
                new AzureActivityFormat(),
                new GenericJsonFormat(), // last of the JSON formats: it takes any object
                new VpcFlowFormat(),
                new S3AccessFormat(), // before web: its lines have a [time] and quoted fields too
                new WebFormat(),
                new DockerFormat(), // before sshd: claims dockerd's syslog lines
                new SshdFormat(),
                new YarnFormat(),
                new EximFormat()));
    }

    /** The descriptors in detection order. */
    public List<SourceDescriptor> all() {
        return all;
    }

    public Optional<SourceDescriptor> of(SourceType source) {
        return Optional.ofNullable(bySource.get(source));
    }

    public Optional<JsonRecordParser> json(SourceType source) {
        return of(source).filter(JsonFormat.class::isInstance).map(d -> ((JsonFormat) d).parser());
    }

    public Optional<LineFormat> line(SourceType source) {
        return of(source).filter(LineFormat.class::isInstance).map(LineFormat.class::cast);
    }

    /** The first JSON format that recognizes {@code firstRecord}, if any. */
    public Optional<JsonFormat> detectJson(JsonNode firstRecord) {
        return jsonFormats.stream().filter(f -> f.recognizes(firstRecord)).findFirst();
    }

    /** The first line format that recognizes {@code firstLine}, if any. */
    public Optional<LineFormat> detectLine(String firstLine) {
        return lineFormats.stream().filter(f -> f.recognizes(firstLine)).findFirst();
    }
}
