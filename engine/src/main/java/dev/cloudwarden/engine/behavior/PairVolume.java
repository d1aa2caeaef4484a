package dev.cloudwarden.engine.behavior;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.net.Addresses;
import dev.cloudwarden.engine.alert.Level;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.time.Duration;
import java.util.List;

/**
 * T4, cross-cloud compromise through trusted connections: abnormal bytes between two networks. Counted from VPC
 * flow logs (accepted flows, the bytes the source sent), keyed by the account and region that logged the flow
 * and the two ends' networks: {@code 111122223333/eu-west-1 10.0.0.0/16 > 10.8.0.0/16}. A flow log does not name
 * the account or region on the far side, so the network stands for it: the /16 of a private IPv4 address (a VPC,
 * a peered partner's VPC, an on-premises range behind a VPN), the /48 of an IPv6 unique-local one.
 *
 * <p>Only private-to-private traffic between different networks counts: trusted connections (peering, transit
 * gateways, VPNs, PrivateLink) carry private addresses, and traffic within one network is not between clouds.
 * Egress to public addresses is A2's (the Sigma pack's large-egress rules); counting it here would also make
 * every flood of a DDoS bot a "pair".
 */
public final class PairVolume implements VolumeDetector.Measure {
    public static final BehaviorRule RULE = new BehaviorRule(BehaviorRule.PREFIX + "pair_volume",
            "Abnormal data volume between networks", Level.HIGH,
            List.of("attack.t1537", "attack.t1199", "cloudwarden.t4"));

    public static VolumeDetector detector(VolumeConfig config, Duration idleExpiry) {
        return new VolumeDetector(RULE, new PairVolume(), config, idleExpiry);
    }

    @Override
    public String keyOf(Event e) {
        if (e.source() != SourceType.VPC_FLOW || e.outcome().status() != Outcome.Status.SUCCESS) {
            return null;
        }
        Long bytes = e.traffic().bytesOut();
        String src = network(e.src().ip());
        String dst = network(e.dst().ip());
        if (bytes == null || bytes <= 0 || src == null || dst == null || src.equals(dst)) {
            return null;
        }
        String account = e.cloud().account() == null ? "-" : e.cloud().account();
        String where = e.cloud().region() == null ? account : account + "/" + e.cloud().region();
        return where + " " + src + " > " + dst;
    }

    @Override
    public long bytesOf(Event e) {
        return e.traffic().bytesOut();
    }

    /**
     * The /16 of a private IPv4 address (RFC 1918) or the /48 of an IPv6 unique-local one (fc00::/7); null for
     * public addresses and for what is not an address.
     */
    static String network(String ip) {
        if (ip == null) {
            return null;
        }
        if (Addresses.isIpv4(ip)) {
            int first = ip.indexOf('.');
            int second = ip.indexOf('.', first + 1);
            int a = Integer.parseInt(ip.substring(0, first));
            int b = Integer.parseInt(ip.substring(first + 1, second));
            boolean rfc1918 = a == 10 || a == 172 && b >= 16 && b <= 31 || a == 192 && b == 168;
            return rfc1918 ? ip.substring(0, second) + ".0.0/16" : null;
        }
        if (!Addresses.looksLikeIp(ip)) {
            return null;
        }
        IPAddress a = new IPAddressString(ip).getAddress();
        if (a == null || !a.isIPv6() || (a.getBytes()[0] & 0xfe) != 0xfc) {
            return null;
        }
        return a.toPrefixBlock(48).toCanonicalString();
    }
}
