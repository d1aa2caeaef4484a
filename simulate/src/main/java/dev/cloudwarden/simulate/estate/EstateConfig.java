package dev.cloudwarden.simulate.estate;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.simulate.scenario.World;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The estate's configuration as AWS would report it at the end of the simulated day, written beside the logs so
 * {@code cloudwarden posture scan dir/config} finds the misconfigurations behind the day's incidents on the very
 * buckets, groups, instances, users and snapshots those incidents name. What each scenario changed is there only if
 * the scenario ran (a background-only day shows the estate as it was before), at the time it ran.
 *
 * <ul>
 *   <li>{@value #SNAPSHOT}: an AWS Config configuration snapshot (network, buckets, key, trail, IAM, RDS snapshot);</li>
 *   <li>{@value #EBS_SNAPSHOTS}: EBS snapshots with their sharing, which Config does not record;</li>
 *   <li>{@value #CREDENTIAL_REPORT}: IAM's credential report (passwords, MFA, keys), which Config does not record.</li>
 * </ul>
 */
public final class EstateConfig {
    /** The folder under the output folder that holds the configuration (never read by a scan of the logs). */
    public static final String CONFIG = "config";
    public static final String SNAPSHOT = "aws-config-snapshot.json";
    public static final String EBS_SNAPSHOTS = "ec2-describe-snapshots.json";
    public static final String CREDENTIAL_REPORT = "iam-credential-report.csv";

    private final long seed;
    private final Timeline time;

    /**
     * @param starts the scenarios that ran, by id, and when each began
     */
    public EstateConfig(long seed, Instant start, Duration span, Map<String, Instant> starts) {
        this.seed = seed;
        this.time = new Timeline(start, start.plus(span), starts);
    }

    /** Writes the configuration files under {@code dir/config/}. */
    public void write(Path dir) throws IOException {
        Path config = Files.createDirectories(dir.resolve(CONFIG));
        write(config.resolve(SNAPSHOT), snapshot());
        Snapshots snapshots = new Snapshots(time);
        write(config.resolve(EBS_SNAPSHOTS), snapshots.ebs());
        Files.writeString(config.resolve(CREDENTIAL_REPORT), new Identities(time).credentialReport(), StandardCharsets.UTF_8);
    }

    /** The configuration snapshot Config delivers to S3: every recorded resource's latest item. */
    public Map<String, Object> snapshot() {
        List<ConfigItem> items = new ArrayList<>();
        items.addAll(new Network(time).items());
        items.addAll(new Storage(time).items());
        items.add(Trail.item(time));
        items.addAll(new Identities(time).items());
        items.add(new Snapshots(time).rds());
        // the snapshot's id is Config's UUID; here one the seed and the day determine
        UUID id = UUID.nameUUIDFromBytes((seed + "/" + time.start() + "/" + time.end()).getBytes(StandardCharsets.UTF_8));
        return Obj.of("fileVersion", "1.0", "configSnapshotId", id.toString(),
                "configurationItems", items.stream().map(i -> i.toJson(World.ACCOUNT)).toList());
    }

    private static void write(Path file, Object json) throws IOException {
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        Files.writeString(file, Json.MAPPER.writer(pretty).writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
    }
}
