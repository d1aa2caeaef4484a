package dev.cloudwarden.app.respond;

import dev.cloudwarden.app.respond.action.Action;
import dev.cloudwarden.app.respond.action.Actions;

import java.util.ArrayList;
import java.util.List;

/** Every action the shipped CloudWarden can run: one registration line per family. */
public final class ResponseActions {
    private ResponseActions() {
    }

    public static Actions builtIn() {
        List<Action> all = new ArrayList<>();
        return new Actions(all);
    }
}
