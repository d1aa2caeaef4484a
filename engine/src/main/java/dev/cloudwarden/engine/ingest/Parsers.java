package dev.cloudwarden.engine.ingest;

import dev.cloudwarden.engine.ingest.parse.JsonRecordParser;
import dev.cloudwarden.engine.ingest.parse.LineFormat;

import dev.cloudwarden.engine.event.SourceType;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every parser CloudWarden ships, by source: the registry, one line per source. It sits above the source packages
 * (which build on {@code ingest.parse}), so no source package depends on it. Line formats are listed in
 * autodetection order: the more specific a format's first-line signature, the earlier it is tried.
 */
public final class Parsers {
    private final Map<SourceType, JsonRecordParser> json = new EnumMap<>(SourceType.class);
    private final List<LineFormat> lineFormats;

    private Parsers(List<JsonRecordParser> jsonParsers, List<LineFormat> lineFormats) {
        jsonParsers.forEach(p -> json.put(p.source(), p));
        this.lineFormats = List.copyOf(lineFormats);
    }

    public static Parsers standard() {
        return new Parsers(
                List.of(
                        new dev.cloudwarden.engine.ingest.cloudtrail.CloudTrailParser(),
                        new dev.cloudwarden.engine.ingest.k8saudit.K8sAuditParser(),
                        new dev.cloudwarden.engine.ingest.azure.AzureActivityParser(),
                        new dev.cloudwarden.engine.ingest.azure.AzureSignInParser(),
                        new dev.cloudwarden.engine.ingest.gcp.GcpAuditParser(),
                        new dev.cloudwarden.engine.ingest.route53.Route53ResolverParser(),
                        new dev.cloudwarden.engine.ingest.generic.GenericJsonParser()
                ),
                List.of(
                        new dev.cloudwarden.engine.ingest.vpcflow.VpcFlowFormat(),
                        new dev.cloudwarden.engine.ingest.web.WebFormat(),
                        new dev.cloudwarden.engine.ingest.docker.DockerFormat(), // before sshd: claims dockerd's syslog lines
                        new dev.cloudwarden.engine.ingest.sshd.SshdFormat(),
                        new dev.cloudwarden.engine.ingest.yarn.YarnFormat(),
                        new dev.cloudwarden.engine.ingest.exim.EximFormat()
                ));
    }

    public Optional<JsonRecordParser> json(SourceType source) {
        return Optional.ofNullable(json.get(source));
    }

    public Optional<LineFormat> line(SourceType source) {
        return lineFormats.stream().filter(f -> f.source() == source).findFirst();
    }

    /** Line formats in detection order. */
    public List<LineFormat> lineFormats() {
        return lineFormats;
    }

    /** The first format that recognizes {@code firstLine}, if any. */
    public Optional<LineFormat> detectLine(String firstLine) {
        return lineFormats.stream().filter(f -> f.recognizes(firstLine)).findFirst();
    }
}
