package dev.cloudwarden.app.server;

import dev.cloudwarden.app.store.ApiTokens;
import dev.cloudwarden.app.store.Role;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tokens the configuration grants ({@code tokens:} in {@code cloudwarden.yml}), looked up before the store's:
 * by the token's hash, as the store does, so the configuration never needs the token itself.
 */
final class ConfigTokens implements CallerLookup {
    private final Map<String, Caller> byHash = new HashMap<>();
    private final CallerLookup store;

    ConfigTokens(List<ServeConfig.Token> tokens, CallerLookup store) {
        for (ServeConfig.Token t : tokens) {
            if (t.sha256() == null) {
                throw new IllegalArgumentException("tokens." + t.name() + ": the token in " + t.env() + " was not read");
            }
            // hashes only: ServeConfigFile hashes a token given by a variable as it reads the settings
            byHash.put(t.sha256(), new Caller("config:" + t.name(), Role.parse(t.role()).orElseThrow()));
        }
        this.store = store;
    }

    @Override
    public Optional<Caller> byToken(String token) {
        Caller c = byHash.get(ApiTokens.hash(token));
        return c != null ? Optional.of(c) : store.byToken(token);
    }
}
