package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.app.store.ApiToken;
import dev.cloudwarden.app.store.ApiTokens;
import dev.cloudwarden.app.store.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;

/** {@code cloudwarden tokens create|list|revoke}: the API's bearer tokens; the store keeps only their hashes. */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = "API tokens for cloudwarden serve. A token is shown once, when it is created; the store keeps its hash.",
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
public final class TokensCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a token and prints it once, as the last line of standard output.")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        PlatformStoreOption store;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "viewer (read), analyst (also triage, comments, hunts, sending events), responder, admin.")
        String role;

        @Option(names = "--name", paramLabel = "NAME", description = "Who or what uses it; audit rows name it. Default: the role.")
        String name;

        @Override
        public Integer call() {
            Role r = Role.parse(role).orElseThrow(() -> new ParameterException(spec.commandLine(), "unknown --role '"
                    + role + "'; one of " + Arrays.stream(Role.values()).map(Role::id).toList()));
            String token = ApiTokens.newToken();
            return store.inStore(spec, "tokens", s -> {
                ApiToken created = s.createToken(PlatformStoreOption.CLI_ACTOR, name != null ? name : r.id(), r, ApiTokens.hash(token));
                spec.commandLine().getErr().printf("token %d (%s, role %s) created in %s; it is shown once, below%n",
                        created.id(), TerminalText.safe(created.name()), r.id(), TerminalText.safe(s.display()));
                spec.commandLine().getOut().println(token);
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the tokens (never their text).")
    static final class ListTokens implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        PlatformStoreOption store;

        @Override
        public Integer call() {
            return store.inStore(spec, "tokens", s -> {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%-5s %-10s %-24s %-20s %-20s %s%n", "ID", "ROLE", "NAME", "CREATED", "LAST USED", "REVOKED");
                for (ApiToken t : s.tokens()) {
                    out.printf("%-5d %-10s %-24s %-20s %-20s %s%n", t.id(), t.role().id(), TerminalText.safe(t.name()),
                            t.created(), t.lastUsed() == null ? "-" : t.lastUsed(), t.revoked() == null ? "-" : t.revoked());
                }
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a token: requests with it get 401.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        PlatformStoreOption store;

        @Parameters(paramLabel = "ID", description = "The token's id (cloudwarden tokens list).")
        long id;

        @Override
        public Integer call() {
            return store.inStore(spec, "tokens", s -> {
                ApiToken t = s.revokeToken(PlatformStoreOption.CLI_ACTOR, id);
                spec.commandLine().getErr().printf("token %d (%s) revoked%n", t.id(), TerminalText.safe(t.name()));
            });
        }
    }
}
