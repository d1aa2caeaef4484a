package dev.cloudwarden.engine.event;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The log sources CloudWarden parses, as the event model knows them: an id, the OCSF class a record defaults to,
 * and the Sigma logsource every event of the source carries ({@link Event#logSource()}).
 *
 * <p>Why an enum down here, apart from the sources' descriptors: this layer has to name every source without
 * seeing a parser. An event is read back from its JSON by id ({@link EventJsonReader}), it carries its logsource
 * whoever built it (a parser, a test, the simulator), and counters, detectors and incidents key on the source
 * ({@code EnumMap}, {@code EnumSet}, {@code ==}). A registry filled from the ingest layer would make the bottom
 * layer depend on what sits above it. Everything about reading a source (how an input of it is recognised, its
 * parser, the further logsources Sigma rules name it by) is its descriptor's, in {@code ingest/<source>/}; the
 * registry there ({@code ingest.Sources}) fails its test when a constant here has no descriptor.
 */
public enum SourceType {
    CLOUDTRAIL("cloudtrail", OcsfClass.API_ACTIVITY, new LogSource("aws", "cloudtrail", null)),
    VPC_FLOW("vpcflow", OcsfClass.NETWORK_ACTIVITY, new LogSource("aws", "vpcflowlogs", null)),
    /** Amazon S3 server access logs; SigmaHQ has no service name for them, so ours is {@code s3access} (Elastic's). */
    S3_ACCESS("s3access", OcsfClass.API_ACTIVITY, new LogSource("aws", "s3access", null)),
    ROUTE53_RESOLVER("route53resolver", OcsfClass.DNS_ACTIVITY, new LogSource("aws", "route53resolver", null)),
    K8S_AUDIT("k8saudit", OcsfClass.API_ACTIVITY, new LogSource("kubernetes", "audit", null)),
    AZURE_ACTIVITY("azureactivity", OcsfClass.API_ACTIVITY, new LogSource("azure", "activitylogs", null)),
    AZURE_SIGNIN("azuresignin", OcsfClass.AUTHENTICATION, new LogSource("azure", "signinlogs", null)),
    GCP_AUDIT("gcpaudit", OcsfClass.API_ACTIVITY, new LogSource("gcp", "gcp.audit", null)),
    SSHD("sshd", OcsfClass.AUTHENTICATION, new LogSource("linux", "sshd", null)),
    /** Product-neutral: Sigma files web servers under {@code category: webserver}. */
    WEB_ACCESS("web", OcsfClass.HTTP_ACTIVITY, new LogSource(null, null, "webserver")),
    DOCKER("docker", OcsfClass.API_ACTIVITY, new LogSource("docker", "dockerd", null)),
    YARN("yarn", OcsfClass.API_ACTIVITY, new LogSource("hadoop", "yarn", null)),
    EXIM("exim", OcsfClass.EMAIL_ACTIVITY, new LogSource("linux", "exim", null)),
    /** Any JSON: its logsource is what the user gives ({@code --logsource}), none by default. */
    GENERIC_JSON("json", OcsfClass.BASE_EVENT, LogSource.NONE);

    private final String id;
    private final OcsfClass defaultClass;
    private final LogSource logSource;

    SourceType(String id, OcsfClass defaultClass, LogSource logSource) {
        this.id = id;
        this.defaultClass = defaultClass;
        this.logSource = logSource;
    }

    /** The short name used on the command line ({@code --source cloudtrail}) and in output. */
    public String id() {
        return id;
    }

    public OcsfClass defaultClass() {
        return defaultClass;
    }

    /** The Sigma logsource an event of this source carries unless its parser gives another. */
    public LogSource logSource() {
        return logSource;
    }

    public static Optional<SourceType> byId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(SourceType::id).toList();
    }
}
