package dev.cloudwarden.app.server;

import dev.cloudwarden.app.store.Role;

/** Who made a request: the name of the token they presented and its role. Audit rows name them. */
public record Caller(String name, Role role) {
}
