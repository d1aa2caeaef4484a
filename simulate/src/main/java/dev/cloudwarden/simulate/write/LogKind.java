package dev.cloudwarden.simulate.write;

/** The log files a simulation writes, each in its source's native format and usual file name. */
public enum LogKind {
    CLOUDTRAIL("cloudtrail/111122223333_CloudTrail_us-east-1.jsonl", null),
    VPC_FLOW("vpcflow/111122223333_vpcflowlogs_us-east-1.log",
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status"),
    ROUTE53("route53/resolver-query-log.jsonl", null),
    SSHD("hosts/auth.log", null),
    WEB("hosts/access.log", null),
    ALB("elb/111122223333_elasticloadbalancing_us-east-1_app.shop-alb.log", null),
    DOCKER("hosts/dockerd.log", null),
    YARN("hosts/rm-audit.log", null),
    EXIM("hosts/exim-mainlog", null),
    K8S_AUDIT("kubernetes/audit.log", null);

    private final String path;
    private final String header;

    LogKind(String path, String header) {
        this.path = path;
        this.header = header;
    }

    public String path() {
        return path;
    }

    /** A first line the format requires (flow logs name their fields), or null. */
    public String header() {
        return header;
    }
}
