package dev.cloudwarden.engine.event;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The log sources CloudWarden parses. Each knows the Sigma logsource its records answer to, so rules
 * written for {@code product: aws, service: cloudtrail} meet CloudTrail events.
 */
public enum SourceType {
    CLOUDTRAIL("cloudtrail", "aws", "cloudtrail", OcsfClass.API_ACTIVITY),
    VPC_FLOW("vpcflow", "aws", "vpcflowlogs", OcsfClass.NETWORK_ACTIVITY),
    ROUTE53_RESOLVER("route53resolver", "aws", "route53resolver", OcsfClass.DNS_ACTIVITY),
    K8S_AUDIT("k8saudit", "kubernetes", "audit", OcsfClass.API_ACTIVITY),
    AZURE_ACTIVITY("azureactivity", "azure", "activitylogs", OcsfClass.API_ACTIVITY),
    AZURE_SIGNIN("azuresignin", "azure", "signinlogs", OcsfClass.AUTHENTICATION),
    GCP_AUDIT("gcpaudit", "gcp", "gcp.audit", OcsfClass.API_ACTIVITY),
    SSHD("sshd", "linux", "sshd", OcsfClass.AUTHENTICATION),
    WEB_ACCESS("web", null, "webserver", OcsfClass.HTTP_ACTIVITY),
    DOCKER("docker", "docker", "dockerd", OcsfClass.API_ACTIVITY),
    YARN("yarn", "hadoop", "yarn", OcsfClass.API_ACTIVITY),
    EXIM("exim", "linux", "exim", OcsfClass.EMAIL_ACTIVITY),
    GENERIC_JSON("json", null, null, OcsfClass.BASE_EVENT);

    private final String id;
    private final String sigmaProduct;
    private final String sigmaServiceOrCategory;
    private final OcsfClass defaultClass;

    SourceType(String id, String sigmaProduct, String sigmaServiceOrCategory, OcsfClass defaultClass) {
        this.id = id;
        this.sigmaProduct = sigmaProduct;
        this.sigmaServiceOrCategory = sigmaServiceOrCategory;
        this.defaultClass = defaultClass;
    }

    /** The short name used on the command line ({@code --source cloudtrail}) and in output. */
    public String id() {
        return id;
    }

    /** Sigma {@code logsource.product}, or null where the source is product-neutral (web servers). */
    public String sigmaProduct() {
        return sigmaProduct;
    }

    /** Sigma {@code logsource.service} (or {@code category} for {@code webserver}). */
    public String sigmaService() {
        return sigmaServiceOrCategory;
    }

    public OcsfClass defaultClass() {
        return defaultClass;
    }

    public static Optional<SourceType> byId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(SourceType::id).toList();
    }
}
