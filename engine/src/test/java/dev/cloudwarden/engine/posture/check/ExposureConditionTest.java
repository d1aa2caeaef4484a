package dev.cloudwarden.engine.posture.check;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.Unknown;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExposureConditionTest {
    private static final ExposureCondition SSH = new ExposureCondition(List.of(22L));
    private static final ExposureCondition ALL = new ExposureCondition(List.of());

    private static Verdict judge(ExposureCondition c, Framework f, String type, Map<String, Object> attributes) {
        ConfigResource r = new ConfigResource(f, type, "x", type + ".x", Location.of("f", 1), attributes, List.of(), List.of());
        return c.evaluate(r, ResourceGraph.of(r)).verdict();
    }

    private static Map<String, Object> ingress(Object from, Object to, Object protocol, Object cidrs) {
        return Map.of("from_port", from, "to_port", to, "protocol", protocol, "cidr_blocks", cidrs);
    }

    @Test
    void terraformSecurityGroupIngressBlocks() {
        Framework tf = Framework.TERRAFORM;
        assertThat(judge(SSH, tf, "aws_security_group", Map.of("ingress", List.of(ingress(22L, 22L, "tcp", List.of("0.0.0.0/0"))))))
                .isEqualTo(Verdict.FAIL);
        assertThat(judge(SSH, tf, "aws_security_group", Map.of("ingress", List.of(ingress(0L, 1024L, "tcp", List.of("10.0.0.0/8"))))))
                .isEqualTo(Verdict.PASS);
        assertThat(judge(SSH, tf, "aws_security_group", Map.of("ingress", List.of(ingress(443L, 443L, "tcp", List.of("0.0.0.0/0"))))))
                .isEqualTo(Verdict.PASS);
        assertThat(judge(SSH, tf, "aws_security_group", Map.of("ingress", List.of(ingress(0L, 0L, "-1", List.of("0.0.0.0/0"))))))
                .isEqualTo(Verdict.FAIL);
        assertThat(judge(SSH, tf, "aws_security_group", Map.of("ingress", List.of(ingress(-1L, -1L, "icmp", List.of("0.0.0.0/0"))))))
                .isEqualTo(Verdict.PASS);
        assertThat(judge(SSH, tf, "aws_security_group", Map.of("vpc_id", Unknown.of("aws_vpc.main.id")))).isEqualTo(Verdict.PASS);
        assertThat(judge(SSH, tf, "aws_security_group_rule", Map.of("type", "egress", "from_port", 0L, "to_port", 65535L,
                "protocol", "tcp", "cidr_blocks", List.of("0.0.0.0/0")))).isEqualTo(Verdict.PASS);
        assertThat(judge(SSH, tf, "aws_vpc_security_group_ingress_rule", Map.of("cidr_ipv6", "::/0", "from_port", 22L,
                "to_port", 22L, "ip_protocol", "tcp"))).isEqualTo(Verdict.FAIL);
    }

    /** An unknown address or port leaves the verdict open, but never hides a rule known to be open. */
    @Test
    void unknownsDecideNothingTheyDoNotDecide() {
        Framework tf = Framework.TERRAFORM;
        Map<String, Object> unknownCidr = ingress(22L, 22L, "tcp", Unknown.of("var.cidrs"));
        Map<String, Object> privateUnknownPort = ingress(Unknown.of("var.port"), Unknown.of("var.port"), "tcp", List.of("10.0.0.0/8"));
        Map<String, Object> open = ingress(22L, 22L, "tcp", List.of("0.0.0.0/0"));
        assertThat(judge(SSH, tf, "aws_security_group", Map.of("ingress", List.of(unknownCidr)))).isEqualTo(Verdict.UNKNOWN);
        assertThat(judge(SSH, tf, "aws_security_group", Map.of("ingress", List.of(privateUnknownPort)))).isEqualTo(Verdict.PASS);
        assertThat(judge(SSH, tf, "aws_security_group", Map.of("ingress", List.of(unknownCidr, open)))).isEqualTo(Verdict.FAIL);
        assertThat(judge(SSH, tf, "aws_security_group", Map.of("ingress", Unknown.of("local.rules")))).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void cloudFormationApiAzureAndGoogleDialects() {
        assertThat(judge(SSH, Framework.CLOUDFORMATION, "AWS::EC2::SecurityGroup", Map.of("SecurityGroupIngress", List.of(
                Map.of("IpProtocol", "tcp", "FromPort", 22L, "ToPort", 22L, "CidrIp", "0.0.0.0/0"))))).isEqualTo(Verdict.FAIL);
        assertThat(judge(SSH, Framework.AWS, "AWS::EC2::SecurityGroup", Map.of("IpPermissions", List.of(
                Map.of("IpProtocol", "tcp", "FromPort", 20L, "ToPort", 30L, "IpRanges", List.of(Map.of("CidrIp", "0.0.0.0/0")))))))
                .isEqualTo(Verdict.FAIL);
        assertThat(judge(SSH, Framework.TERRAFORM, "azurerm_network_security_group", Map.of("security_rule", List.of(
                Map.of("direction", "Inbound", "access", "Allow", "protocol", "Tcp", "destination_port_range", "22",
                        "source_address_prefix", "Internet"))))).isEqualTo(Verdict.FAIL);
        assertThat(judge(SSH, Framework.TERRAFORM, "azurerm_network_security_group", Map.of("security_rule", List.of(
                Map.of("direction", "Inbound", "access", "Deny", "protocol", "Tcp", "destination_port_range", "*",
                        "source_address_prefix", "*"))))).isEqualTo(Verdict.PASS);
        assertThat(judge(SSH, Framework.ARM, "Microsoft.Network/networkSecurityGroups", Map.of("properties", Map.of(
                "securityRules", List.of(Map.of("name", "ssh", "properties", Map.of("direction", "Inbound", "access", "Allow",
                        "protocol", "*", "destinationPortRange", "20-25", "sourceAddressPrefix", "0.0.0.0/0")))))))
                .isEqualTo(Verdict.FAIL);
        assertThat(judge(SSH, Framework.TERRAFORM, "google_compute_firewall", Map.of("source_ranges", List.of("0.0.0.0/0"),
                "allow", List.of(Map.of("protocol", "tcp", "ports", List.of("80", "20-30")))))).isEqualTo(Verdict.FAIL);
        assertThat(judge(SSH, Framework.TERRAFORM, "google_compute_firewall", Map.of("source_ranges", List.of("0.0.0.0/0"),
                "direction", "EGRESS", "allow", List.of(Map.of("protocol", "all"))))).isEqualTo(Verdict.PASS);
    }

    @Test
    void everyPortMeansOneRuleOpeningThemAll() {
        Framework tf = Framework.TERRAFORM;
        assertThat(judge(ALL, tf, "aws_security_group", Map.of("ingress", List.of(ingress(0L, 65535L, "tcp", List.of("0.0.0.0/0"))))))
                .isEqualTo(Verdict.FAIL);
        assertThat(judge(ALL, tf, "aws_security_group", Map.of("ingress", List.of(ingress(22L, 22L, "tcp", List.of("0.0.0.0/0"))))))
                .isEqualTo(Verdict.PASS);
    }
}
