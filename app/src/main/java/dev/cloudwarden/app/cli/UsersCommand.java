package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.app.store.Passwords;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.StoredUser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

/** {@code cloudwarden users add|list|passwd|disable}: local users of the web UI, their passwords kept as Argon2id hashes. */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Local users who sign in to the web UI with a name and password (API tokens sign in too).",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Passwd.class,
                UsersCommand.Disable.class})
public final class UsersCommand {
    /** Where a password comes from: typed twice without echo at a terminal, else the first line of stdin. */
    abstract static class PasswordInput {
        @Spec
        CommandSpec spec;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input "
                + "(for scripts); without it, it is asked for twice at the terminal.")
        boolean fromStdin;

        /** The password asked for, hashed; a password too short or too long is a usage error. */
        String hashedPassword() {
            try {
                return Passwords.hash(password());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        private String password() {
            Console console = System.console();
            if (!fromStdin && console != null) {
                char[] first = console.readPassword("Password (at least %d characters): ", Passwords.MIN_LENGTH);
                char[] again = console.readPassword("Again: ");
                if (first == null || !Arrays.equals(first, again)) {
                    throw new ParameterException(spec.commandLine(), "the two passwords differ");
                }
                return new String(first);
            }
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null) {
                    throw new ParameterException(spec.commandLine(), "no password on standard input");
                }
                return line;
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read the password: " + e.getMessage());
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a user with a role and a password.")
    static final class Add extends PasswordInput implements Callable<Integer> {
        @Mixin
        PlatformStoreOption store;

        @Parameters(paramLabel = "NAME", description = "The name to sign in with; audit rows name it.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer, analyst, responder or admin.")
        String role;

        @Override
        public Integer call() {
            Role r = Role.parse(role).orElseThrow(() -> new ParameterException(spec.commandLine(), "unknown --role '"
                    + role + "'; one of " + Arrays.stream(Role.values()).map(Role::id).toList()));
            String hash = hashedPassword();
            return store.inStore(spec, "users", s -> {
                StoredUser u = s.addUser(PlatformStoreOption.CLI_ACTOR, name, r, hash);
                spec.commandLine().getErr().printf("user %s (role %s) added to %s%n", TerminalText.safe(u.name()),
                        r.id(), TerminalText.safe(s.display()));
            });
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Sets a user's password.")
    static final class Passwd extends PasswordInput implements Callable<Integer> {
        @Mixin
        PlatformStoreOption store;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            String hash = hashedPassword();
            return store.inStore(spec, "users", s -> {
                s.setUserPassword(PlatformStoreOption.CLI_ACTOR, name, hash);
                spec.commandLine().getErr().printf("password of %s set%n", TerminalText.safe(name));
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the users (never their passwords).")
    static final class ListUsers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        PlatformStoreOption store;

        @Override
        public Integer call() {
            return store.inStore(spec, "users", s -> {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%-24s %-10s %-28s %s%n", "NAME", "ROLE", "CREATED", "DISABLED");
                for (StoredUser u : s.users()) {
                    out.printf("%-24s %-10s %-28s %s%n", TerminalText.safe(u.name()), u.role().id(), u.created(),
                            u.disabled() == null ? "-" : u.disabled());
                }
            });
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disables a user: signing in is refused (sessions already open end within 2 hours).")
    static final class Disable implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        PlatformStoreOption store;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            return store.inStore(spec, "users", s -> {
                s.disableUser(PlatformStoreOption.CLI_ACTOR, name);
                spec.commandLine().getErr().printf("user %s disabled%n", TerminalText.safe(name));
            });
        }
    }
}
