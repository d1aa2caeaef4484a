package dev.cloudwarden.simulate;

import dev.cloudwarden.simulate.scenario.World;
import dev.cloudwarden.simulate.write.CloudTrailRecords;
import dev.cloudwarden.simulate.write.CloudTrailRecords.Identity;
import dev.cloudwarden.simulate.write.Formats;
import dev.cloudwarden.simulate.write.LogKind;
import dev.cloudwarden.simulate.write.LogLine;

import java.time.Instant;
import java.util.Random;

/**
 * Steady benign traffic that behavioral baselines learn from, with the variation real traffic has: the partner
 * integration's database sync to the partner's network (the pair T4 watches), the backup service's S3 reads (a
 * principal A2 watches), and the shop's load balancer serving its three sites to customers while scanners probe
 * names it does not serve (the server A4 watches). Its own random stream, so the rest of the background stays as
 * it was for a seed.
 */
final class BaselineTraffic {
    /** The share of background lines (per thousand) that are baseline traffic. */
    static final int PER_MILLE = 50;
    static final String PARTNER_NET = "10.8.1.";
    static final String[] SHOP_SITES = {"shop.example.com", "www.shop.example.com", "api.shop.example.com"};

    private final Random random;

    BaselineTraffic(long seed) {
        this.random = new Random(seed ^ 0xba5e11eL);
    }

    /** Whether the next background line is baseline traffic (decided on this class's own stream). */
    boolean next() {
        return random.nextInt(1000) < PER_MILLE;
    }

    /** One line at a random time of the period. */
    LogLine line(Instant start, java.time.Duration span) {
        Instant t = start.plusMillis((long) (random.nextDouble() * span.toMillis()));
        int kind = random.nextInt(100);
        if (kind < 30) {
            return partnerSync(t);
        }
        if (kind < 60) {
            return backupRead(t);
        }
        return shop(t);
    }

    /** The database sends a few hundred kilobytes per flow record to the partner's replica. */
    private LogLine partnerSync(Instant t) {
        String[] db = World.INSTANCES.get(3);
        return new LogLine(LogKind.VPC_FLOW, t, Formats.flow(World.ACCOUNT, db[2], db[1], PARTNER_NET + (10 + random.nextInt(3)),
                5432, 40000 + random.nextInt(20000), 6, 20 + random.nextInt(800), 20_000 + random.nextInt(1_000_000), t, true), null);
    }

    /** The backup service reads objects of up to 4 MB from the backup host. */
    private LogLine backupRead(Instant t) {
        Identity svc = Identity.user(World.ACCOUNT, "backup-svc", "AKIABACKUPSVCKEY0001");
        long bytes = 100_000 + random.nextInt(4_000_000);
        String key = "daily/" + random.nextInt(400) + "/chunk-" + random.nextInt(1000) + ".tar.zst";
        return new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.getObject(t, svc, World.INSTANCES.get(4)[1],
                "aws-sdk-go-v2/1.25.2 os/linux lang/go#1.22.1", "acme-backups-" + World.ACCOUNT, key, bytes,
                random.nextLong()), null);
    }

    /** Customers on the shop's three sites; one request in twenty is a scanner (a name not served, or the bare address). */
    private LogLine shop(Instant t) {
        String client = "198.51.100." + (20 + random.nextInt(200)) + ":" + (30000 + random.nextInt(30000));
        String target = World.INSTANCES.get(0)[1] + ":80";
        if (random.nextInt(20) == 0) {
            boolean bare = random.nextBoolean();
            return new LogLine(LogKind.ALB, t, Formats.alb(t, client, target, "GET",
                    bare ? "203.0.113.77" : "cdn-" + random.nextInt(100_000) + ".example.net", "/", bare ? 200 : 404, 612,
                    "Mozilla/5.0 zgrab/0.x"), null);
        }
        String path = new String[]{"/", "/products?id=" + random.nextInt(500), "/cart", "/static/app.js"}[random.nextInt(4)];
        return new LogLine(LogKind.ALB, t, Formats.alb(t, client, target, "GET", SHOP_SITES[random.nextInt(SHOP_SITES.length)],
                path, 200, 200 + random.nextInt(50_000), World.AGENT_BROWSER), null);
    }
}
