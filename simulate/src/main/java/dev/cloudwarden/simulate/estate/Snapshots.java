package dev.cloudwarden.simulate.estate;

import dev.cloudwarden.simulate.scenario.SnapshotExfiltration;
import dev.cloudwarden.simulate.scenario.World;

import java.util.List;
import java.util.Map;

/**
 * The snapshots A2 shares with an account outside the organisation: the customers database's EBS snapshot
 * {@code snap-0123456789abcdef0} and its RDS snapshot {@code customers-2026-11-19}, plus the app host's nightly
 * snapshot. Both shared ones are unencrypted: an encrypted snapshot under the account's default key is of no use to
 * another account, so the theft worked because they were not. A2 shares them with one named account, not with
 * everyone, so the "public snapshot" checks hold; the unencrypted EBS snapshot is the finding behind the theft.
 *
 * <p>AWS Config records RDS snapshots (with their restore attribute) but not EBS snapshots, so those are written as
 * {@code ec2 describe-snapshots} output, each with the answer of {@code describe-snapshot-attribute
 * --attribute createVolumePermission} as its {@code CreateVolumePermissions}, as posture collectors gather them.
 */
final class Snapshots {
    static final String SHARED_EBS = "snap-0123456789abcdef0";
    private static final String NIGHTLY_EBS = "snap-0fedcba9876543210";
    private static final String SHARED_RDS = "customers-2026-11-19";
    /** The account A2 shares with (in the scenario's ModifySnapshotAttribute calls). */
    private static final String FOREIGN_ACCOUNT = "999988887777";

    private final Timeline time;

    Snapshots(Timeline time) {
        this.time = time;
    }

    /** {@code describe-snapshots} output with each snapshot's create-volume permissions. */
    Map<String, Object> ebs() {
        boolean a2 = time.ran(SnapshotExfiltration.ID);
        String database = World.INSTANCES.get(3)[0];
        String app = World.INSTANCES.get(0)[0];
        return Obj.of("Snapshots", List.of(
                Obj.of("Description", "customers database volume", "Encrypted", false, "OwnerId", World.ACCOUNT,
                        "Progress", "100%", "SnapshotId", SHARED_EBS, "StartTime", Timeline.iso(time.daysBefore(2)),
                        "State", "completed", "VolumeId", "vol-" + database.substring(2), "VolumeSize", 500,
                        "StorageTier", "standard", "Tags", List.of(Obj.of("Key", "Name", "Value", "customers-db")),
                        "CreateVolumePermissions", a2 ? List.of(Obj.of("UserId", FOREIGN_ACCOUNT)) : List.of()),
                Obj.of("Description", "app-1 nightly", "Encrypted", true, "KmsKeyId", Storage.keyArn(Storage.DATA_KEY),
                        "OwnerId", World.ACCOUNT, "Progress", "100%", "SnapshotId", NIGHTLY_EBS,
                        "StartTime", Timeline.iso(time.daysBefore(1)), "State", "completed",
                        "VolumeId", "vol-" + app.substring(2), "VolumeSize", 100, "StorageTier", "standard",
                        "Tags", List.of(Obj.of("Key", "Name", "Value", "app-1-nightly")),
                        "CreateVolumePermissions", List.of())));
    }

    /** The RDS snapshot as AWS Config records it, its restore attribute in the supplementary configuration. */
    ConfigItem rds() {
        boolean a2 = time.ran(SnapshotExfiltration.ID);
        String arn = "arn:aws:rds:" + Network.REGION + ":" + World.ACCOUNT + ":snapshot:" + SHARED_RDS;
        Map<String, Object> c = Obj.of("dBSnapshotIdentifier", SHARED_RDS, "dBInstanceIdentifier", "customers",
                "snapshotCreateTime", Timeline.iso(time.daysBefore(2)), "engine", "postgres", "engineVersion", "15.5",
                "allocatedStorage", 500, "status", "available", "port", 5432, "availabilityZone", "us-east-1a",
                "vpcId", World.VPC, "instanceCreateTime", Timeline.iso(time.daysBefore(700)), "masterUsername", "acme",
                "licenseModel", "postgresql-license", "snapshotType", "manual", "encrypted", false,
                "dBSnapshotArn", arn, "iAMDatabaseAuthenticationEnabled", false);
        Map<String, Object> restore = Obj.of("attributeName", "restore",
                "attributeValues", a2 ? List.of(FOREIGN_ACCOUNT) : List.of());
        return ConfigItem.of("AWS::RDS::DBSnapshot", SHARED_RDS, SHARED_RDS, arn, Network.REGION, "us-east-1a",
                        time.captured(a2 ? SnapshotExfiltration.ID : null), c)
                .supplementary(Obj.of("DBSnapshotAttributes", List.of(restore)))
                .related("Is contained in Vpc", "AWS::EC2::VPC", World.VPC, null);
    }
}
