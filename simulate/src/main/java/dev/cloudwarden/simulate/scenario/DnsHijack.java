package dev.cloudwarden.simulate.scenario;

import dev.cloudwarden.simulate.write.CloudTrailRecords;
import dev.cloudwarden.simulate.write.CloudTrailRecords.Identity;
import dev.cloudwarden.simulate.write.LogKind;
import dev.cloudwarden.simulate.write.LogLine;
import dev.cloudwarden.simulate.write.ScenarioInfo;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/** A5: the company's login name is repointed (UPSERT of its A record) to a phishing host outside its ranges. */
public final class DnsHijack implements Scenario {
    static final String ID = "a5-dns-hijack";
    private static final String ATTACKER = "203.0.113.99";

    @Override
    public ScenarioInfo info() {
        return new ScenarioInfo(ID, "A5", "DNS record repointed to a phishing server", List.of("T1584.002"));
    }

    @Override
    public void generate(Instant start, Random random, Consumer<LogLine> out) {
        Identity who = Identity.user(World.ACCOUNT, "erin", "AKIASTOLENERINKEY001");
        Instant t = start.plusSeconds(3);
        out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, who, ATTACKER, World.AGENT_CLI,
                "route53.amazonaws.com", "ChangeResourceRecordSets", "us-east-1", g -> {
                    g.writeStringField("hostedZoneId", "Z0123456789ABCDEFGHIJ");
                    g.writeObjectFieldStart("changeBatch");
                    g.writeArrayFieldStart("changes");
                    g.writeStartObject();
                    g.writeStringField("action", "UPSERT");
                    g.writeObjectFieldStart("resourceRecordSet");
                    g.writeStringField("name", "login.acme.example.");
                    g.writeStringField("type", "A");
                    g.writeNumberField("tTL", 60);
                    g.writeArrayFieldStart("resourceRecords");
                    g.writeStartObject();
                    g.writeStringField("value", "192.0.2.66");
                    g.writeEndObject();
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeEndObject();
                    g.writeEndArray();
                    g.writeEndObject();
                }, null, null, random.nextLong()), ID));
    }
}
