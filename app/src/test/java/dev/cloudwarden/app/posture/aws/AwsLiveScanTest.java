package dev.cloudwarden.app.posture.aws;

import dev.cloudwarden.engine.posture.scan.PostureScan;
import org.junit.jupiter.api.Test;

class AwsLiveScanTest {
    @Test
    void smoke() {
        try (FakeAws aws = new FakeAws("base")) {
            AwsLiveScan.Collected c = aws.collect();
            c.failures().forEach(System.out::println);
            c.documents().forEach(d -> System.out.println(d.service() + " " + d.name() + " " + AwsLiveScan.json(d)));
            PostureScan scan = Scans.live(c);
            scan.problems().forEach(System.out::println);
            Scans.verdicts(scan).forEach((k, v) -> System.out.println(k + " = " + v));
            aws.server.findAllUnmatchedRequests().forEach(r -> System.out.println("UNMATCHED " + r.getMethod() + " " + r.getUrl() + " " + r.getBodyAsString()));
        }
    }
}
