package dev.cloudwarden.app.respond;

import dev.cloudwarden.app.respond.action.Action;
import dev.cloudwarden.app.respond.action.Actions;
import dev.cloudwarden.app.respond.aws.AwsActions;
import dev.cloudwarden.app.respond.host.BlockAddress;
import dev.cloudwarden.app.respond.k8s.KubernetesActions;

import java.util.ArrayList;
import java.util.List;

/** Every action the shipped CloudWarden can run: one registration line per family. */
public final class ResponseActions {
    private ResponseActions() {
    }

    public static Actions builtIn() {
        List<Action> all = new ArrayList<>();
        all.addAll(AwsActions.all());
        all.addAll(KubernetesActions.all());
        all.add(new BlockAddress());
        return new Actions(all);
    }
}
