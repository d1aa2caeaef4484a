package dev.cloudwarden.simulate.scenario;

import java.util.List;

/**
 * The simulated estate every scenario and the background share: one account, a VPC of instances, the
 * admins, and the outside addresses attackers come from (documentation ranges, so nothing real is named).
 */
public final class World {
    public static final String ACCOUNT = "111122223333";
    public static final String VPC = "vpc-0a1b2c3d";
    public static final List<String> ADMINS = List.of("alice", "bob", "carol");
    public static final List<String> USERS = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi");
    /** Instances: id, private address, network interface. */
    public static final List<String[]> INSTANCES = List.of(
            new String[]{"i-0a11111111111111a", "10.0.1.10", "eni-0a11111111111111a"},
            new String[]{"i-0b22222222222222b", "10.0.1.11", "eni-0b22222222222222b"},
            new String[]{"i-0c33333333333333c", "10.0.2.20", "eni-0c33333333333333c"},
            new String[]{"i-0d44444444444444d", "10.0.2.21", "eni-0d44444444444444d"},
            new String[]{"i-0e55555555555555e", "10.0.3.30", "eni-0e55555555555555e"},
            new String[]{"i-0f66666666666666f", "10.0.4.40", "eni-0f66666666666666f"});
    /** Egress addresses the admins work from (offices and home connections). */
    public static final List<String> OFFICE = List.of("198.51.100.10", "198.51.100.11", "198.51.100.12",
            "198.51.100.13", "198.51.100.14", "198.51.100.15", "198.51.100.16", "198.51.100.17");
    public static final String AGENT_CLI = "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.79 exe/x86_64.amzn.2023";
    public static final String AGENT_BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36";

    private World() {
    }
}
