package dev.cloudwarden.simulate;

import dev.cloudwarden.simulate.scenario.World;
import dev.cloudwarden.simulate.write.CloudTrailRecords;
import dev.cloudwarden.simulate.write.CloudTrailRecords.Identity;
import dev.cloudwarden.simulate.write.Formats;
import dev.cloudwarden.simulate.write.LogKind;
import dev.cloudwarden.simulate.write.LogLine;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Benign traffic of realistic volume and variety, spread over the simulated period: everyday API calls,
 * flows, DNS, web hits, SSH sessions and mail — and admins doing legitimate work that looks like the attacks
 * (sanctioned bucket policy changes, planned instance launches, normal SSH logins, a mistyped password), plus the
 * steady {@link BaselineTraffic} behavioral baselines learn from.
 */
final class Background {
    private final Random random;
    private final Instant start;
    private final Duration span;
    private final CloudTrailGenerator cloudTrail;
    private final BaselineTraffic baseline;

    Background(long seed, Instant start, Duration span) {
        this.random = new Random(seed ^ 0x5eed);
        this.start = start;
        this.span = span;
        this.cloudTrail = new CloudTrailGenerator(seed, start);
        this.baseline = new BaselineTraffic(seed);
    }

    void generate(long events, Consumer<LogLine> out) {
        for (long i = 0; i < events; i++) {
            if (baseline.next()) {
                out.accept(baseline.line(start, span));
                continue;
            }
            Instant t = start.plusMillis((long) (random.nextDouble() * span.toMillis()));
            int kind = random.nextInt(1000);
            if (kind < 550) {
                out.accept(new LogLine(LogKind.CLOUDTRAIL, t, retime(cloudTrail.next(), t), null));
            } else if (kind < 800) {
                String[] a = pick(World.INSTANCES);
                String[] b = pick(World.INSTANCES);
                int port = new int[]{443, 443, 443, 5432, 6379, 53, 80}[random.nextInt(7)];
                out.accept(new LogLine(LogKind.VPC_FLOW, t, Formats.flow(World.ACCOUNT, a[2], a[1],
                        random.nextInt(4) == 0 ? "52.94." + random.nextInt(256) + "." + random.nextInt(256) : b[1],
                        32768 + random.nextInt(28000), port, port == 53 ? 17 : 6, 2 + random.nextInt(200),
                        100 + random.nextInt(90_000), t, random.nextInt(50) != 0), null));
            } else if (kind < 870) {
                String[] a = pick(World.INSTANCES);
                String name = new String[]{"s3.us-east-1.amazonaws.com.", "sts.amazonaws.com.", "api.github.com.",
                        "db.internal.acme.example.", "registry-1.docker.io."}[random.nextInt(5)];
                out.accept(new LogLine(LogKind.ROUTE53, t, Formats.route53(World.ACCOUNT, World.VPC, t, name, "A", "NOERROR",
                        "52.216." + random.nextInt(256) + "." + random.nextInt(256), a[1], a[0]), null));
            } else if (kind < 930) {
                String path = new String[]{"/", "/products?id=" + random.nextInt(500), "/cart", "/static/app.js",
                        "/api/v1/orders"}[random.nextInt(5)];
                out.accept(new LogLine(LogKind.WEB, t, Formats.combined("198.51.100." + (20 + random.nextInt(200)), "-", t,
                        path.startsWith("/api") ? "POST" : "GET", path, 200, 200 + random.nextInt(50_000),
                        "https://shop.example.com/", World.AGENT_BROWSER), null));
            } else if (kind < 955) {
                String admin = pick(World.ADMINS);
                boolean typo = random.nextInt(200) == 0; // people mistype, but rarely several times an hour
                out.accept(new LogLine(LogKind.SSHD, t, Formats.syslog(t, "bastion", "sshd", 1000 + random.nextInt(30000),
                        (typo ? "Failed password for " : "Accepted publickey for ") + admin + " from " + pick(World.OFFICE)
                                + " port " + (40000 + random.nextInt(20000)) + " ssh2"), null));
            } else if (kind < 970) {
                out.accept(new LogLine(LogKind.EXIM, t, Formats.exim(t, "1r" + String.format("%04d", random.nextInt(10_000))
                        + "-000Abc-1Q <= billing@partner.example H=mail.partner.example [198.51.100.25]:"
                        + (30000 + random.nextInt(30000)) + " P=esmtps S=" + (2000 + random.nextInt(50000))), null));
            } else if (kind < 980) {
                out.accept(new LogLine(LogKind.DOCKER, t, Formats.dockerd(t, Formats.ec2Hostname(pick(World.INSTANCES)[1]), "debug", "Calling GET /_ping"), null));
            } else if (kind < 988) {
                out.accept(new LogLine(LogKind.YARN, t, Formats.yarnAudit(t, "INFO", "USER=hadoop\tIP=10.0.4.20\t"
                        + "OPERATION=Submit Application Request\tTARGET=ClientRMService\tRESULT=SUCCESS\tAPPID=application_1700000000000_"
                        + random.nextInt(4000) + "\tQUEUENAME=etl"), null));
            } else {
                out.accept(new LogLine(LogKind.CLOUDTRAIL, t, adminLookalike(t), null));
            }
        }
    }

    /** Legitimate changes that resemble attacks: the detections must stay quiet (or low) on these. */
    private String adminLookalike(Instant t) {
        Identity admin = Identity.user(World.ACCOUNT, pick(World.ADMINS), "AKIAADMINKEY0000000" + random.nextInt(9));
        return switch (random.nextInt(3)) {
            case 0 -> CloudTrailRecords.call(t, admin, pick(World.OFFICE), World.AGENT_CLI, "s3.amazonaws.com",
                    "PutBucketPolicy", "us-east-1", g -> {
                        g.writeStringField("bucketName", "acme-web-assets");
                        g.writeStringField("bucketPolicy", "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                                + "\"arn:aws:iam::111122223333:role/cdn\"},\"Action\":\"s3:GetObject\"}]}");
                    }, null, null, random.nextLong());
            case 1 -> CloudTrailRecords.call(t, admin, pick(World.OFFICE), World.AGENT_CLI, "ec2.amazonaws.com",
                    "RunInstances", "us-east-1", g -> {
                        g.writeStringField("instanceType", "m6i.large");
                        g.writeNumberField("minCount", 1);
                        g.writeNumberField("maxCount", 1);
                    }, null, null, random.nextLong());
            default -> CloudTrailRecords.consoleLogin(t, admin, pick(World.OFFICE), World.AGENT_BROWSER, true, true,
                    random.nextLong());
        };
    }

    /** Background CloudTrail records get the simulated period's times. */
    private static String retime(String record, Instant t) {
        return record.replaceFirst("\"eventTime\":\"[^\"]+\"", "\"eventTime\":\"" + Formats.isoSeconds(t) + "\"");
    }

    private <T> T pick(java.util.List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
