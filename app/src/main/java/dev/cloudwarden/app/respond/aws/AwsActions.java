package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.Action;

import java.util.List;

/**
 * The AWS response actions, for {@link dev.cloudwarden.app.respond.action.Actions}. They take their clients from the
 * step's context ({@code context.client(AwsClients.class)}), so one set serves every response and every account.
 */
public final class AwsActions {
    private AwsActions() {
    }

    public static List<Action> all() {
        return List.of(new DeactivateAccessKey(), new RevokeSessions(), new SnapshotVolumes(), new CaptureConsoleOutput(),
                new QuarantineInstance(), new ProtectInstance(), new DetachInstance(), new RemoveInstanceProfile(),
                new LaunchReplacement(), new TerminateInstance(), new BlockPublicAccess(), new RollbackBucketPolicy(),
                new RollbackRecord(), new NaclDeny());
    }
}
