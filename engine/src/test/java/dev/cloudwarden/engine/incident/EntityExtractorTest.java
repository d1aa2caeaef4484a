package dev.cloudwarden.engine.incident;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.SourceType;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.cloudwarden.engine.incident.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

class EntityExtractorTest {
    private final EntityExtractor defaults = EntityExtractor.defaults();

    private static Entity e(EntityType type, String value) {
        return Entity.of(type, value);
    }

    @Test
    void readsEveryEntityType() {
        Alert a = alert("a").principal("arn:aws:iam::111122223333:user/bob").key("AKIAEXAMPLE")
                .srcIp("203.0.113.7").account("111122223333")
                .resource("AWS::EC2::Instance", "i-0123456789abcdef0")
                .resource("AWS::S3::Object", "arn:aws:s3:::Payroll/2024/jan.csv")
                .resource("AWS::EKS::Cluster", "arn:aws:eks:us-east-1:111122223333:cluster/prod")
                .resource("AWS::EC2::SecurityGroup", "sg-1").build();
        assertThat(defaults.entities(a)).containsExactly(
                e(EntityType.PRINCIPAL, "arn:aws:iam::111122223333:user/bob"),
                e(EntityType.ACCESS_KEY, "AKIAEXAMPLE"),
                e(EntityType.IP, "203.0.113.7"),
                e(EntityType.INSTANCE, "i-0123456789abcdef0"),
                e(EntityType.BUCKET, "payroll"),
                e(EntityType.CLUSTER, "arn:aws:eks:us-east-1:111122223333:cluster/prod"),
                e(EntityType.ACCOUNT, "111122223333"),
                e(EntityType.REGION, "us-east-1"),
                e(EntityType.RESOURCE, "AWS::EC2::SecurityGroup:sg-1"));
        assertThat(defaults.linking(a)).extracting(Entity::type).containsExactly(EntityType.PRINCIPAL,
                EntityType.ACCESS_KEY, EntityType.IP, EntityType.INSTANCE, EntityType.BUCKET, EntityType.CLUSTER);
    }

    @Test
    void bucketNamesAgreeAcrossBucketAndObjectForms() {
        Alert a = alert("a").resource("AWS::S3::Bucket", "payroll").resource(null, "arn:aws:s3:::payroll")
                .resource("AWS::S3::Object", "payroll/x.csv").build();
        assertThat(defaults.entities(a)).containsExactly(e(EntityType.BUCKET, "payroll"));
    }

    @Test
    void servicePrincipalsAndPlaceholdersAreNotRead() {
        Alert service = alert("a").principal("ec2.amazonaws.com").srcHost("ec2.amazonaws.com").build();
        Alert typed = alert("b").principal("AWSServiceRoleForSupport").principalType("AWSService").build();
        Alert internal = alert("c").principal("system:anonymous").srcHost("AWS Internal").build();
        Alert endpoint = alert("d").dstHost("s3.amazonaws.com").build();
        assertThat(defaults.entities(service)).isEmpty();
        assertThat(defaults.entities(typed)).isEmpty();
        assertThat(defaults.entities(internal)).isEmpty();
        assertThat(defaults.entities(endpoint)).isEmpty();
    }

    @Test
    void specialPurposeAddressesAreListedButDoNotLink() {
        for (String ip : List.of("100.64.0.1", "127.0.0.1", "169.254.169.254", "::1", "fe80::1", "0.0.0.0",
                "224.0.0.251")) {
            Alert a = alert("a").srcIp(ip).build();
            assertThat(defaults.entities(a)).as(ip).extracting(Entity::type).containsExactly(EntityType.IP);
            assertThat(defaults.linking(a)).as(ip).isEmpty();
        }
        for (String ip : List.of("203.0.113.9", "198.51.100.1", "192.0.2.1", "8.8.4.4", "2001:db8::7")) {
            assertThat(defaults.linking(alert("a").srcIp(ip).build())).as(ip).hasSize(1);
        }
    }

    @Test
    void privateAddressesLinkUnlessTurnedOff() {
        EntityExtractor publicOnly = new EntityExtractor(EntityExtractor.Config.defaults().withLinkPrivateAddresses(false));
        for (String ip : List.of("10.0.3.4", "172.20.1.1", "192.168.1.10", "fd00::5")) {
            Alert a = alert("a").srcIp(ip).build();
            assertThat(defaults.linking(a)).as(ip).hasSize(1);
            assertThat(publicOnly.linking(a)).as(ip).isEmpty();
        }
    }

    @Test
    void ec2HostNamesAlsoNameTheirAddress() {
        Alert docker = alert("a").source(SourceType.DOCKER).dstHost("ip-10-0-2-20").build();
        assertThat(defaults.entities(docker)).containsExactly(e(EntityType.IP, "10.0.2.20"), e(EntityType.HOST, "ip-10-0-2-20"));
        Alert fqdn = alert("b").source(SourceType.SSHD).dstHost("IP-172-31-5-9.ec2.internal").build();
        assertThat(defaults.entities(fqdn)).contains(e(EntityType.IP, "172.31.5.9"));
        for (String notAnAddress : List.of("ip-10-0-2", "ip-300-1-1-1", "zip-10-0-2-20", "web-10-0-2-20")) {
            assertThat(defaults.entities(alert("c").dstHost(notAnAddress).build())).as(notAnAddress)
                    .extracting(Entity::type).containsExactly(EntityType.HOST);
        }
    }

    @Test
    void addressesAreCanonical() {
        assertThat(defaults.entities(alert("a").srcIp("::ffff:203.0.113.9").build()))
                .containsExactly(e(EntityType.IP, "203.0.113.9"));
        assertThat(defaults.entities(alert("a").srcIp("2001:DB8:0:0:0:0:0:7").build()))
                .containsExactly(e(EntityType.IP, "2001:db8::7"));
    }

    @Test
    void localUserNamesAreQualifiedByHost() {
        Alert ssh = alert("a").source(SourceType.SSHD).principal("root").srcIp("203.0.113.9").dstHost("NAS1").build();
        assertThat(defaults.entities(ssh)).contains(e(EntityType.PRINCIPAL, "root@nas1"), e(EntityType.HOST, "nas1"));
        Alert noHost = alert("b").source(SourceType.SSHD).principal("root").build();
        assertThat(defaults.entities(noHost)).isEmpty();
    }

    @Test
    void configurationChangesWhatLinks() {
        EntityExtractor x = new EntityExtractor(EntityExtractor.Config.defaults()
                .withLinkPrivateAddresses(false)
                .withIgnoredAddresses(List.of("198.51.100.0/24"))
                .withLinkTypes(EnumSet.of(EntityType.IP, EntityType.ACCOUNT))
                .plusIgnoredValues(Set.of("arn:aws:iam::1:role/ci")));
        assertThat(x.links(e(EntityType.IP, "10.0.0.1"))).isFalse();
        assertThat(x.links(e(EntityType.IP, "198.51.100.77"))).isFalse();
        assertThat(x.links(e(EntityType.ACCOUNT, "1"))).isTrue();
        assertThat(x.links(e(EntityType.PRINCIPAL, "arn:aws:iam::1:user/bob"))).isFalse();
        assertThat(x.entities(alert("a").principal("arn:aws:iam::1:role/CI").build())).isEmpty();
    }
}
