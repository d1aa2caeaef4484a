package dev.cloudwarden.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The {@code cloudwarden} command. Exit codes: 0 clean, 1 findings at or above {@code --fail-on}
 * (later commands), 2 usage or input error, 3 some input was rejected (the rest was read).
 */
@Command(name = "cloudwarden",
        mixinStandardHelpOptions = true,
        version = "CloudWarden " + CloudWardenCli.VERSION,
        description = "Cloud threat detection and response over your own logs.",
        subcommands = {EventsCommand.class, ScanCommand.class, RulesCommand.class, SimulateCommand.class, EvalCommand.class,
                DemoCommand.class, IntelCommand.class, PostureCommand.class, RespondCommand.class, PlaybooksCommand.class, ReportCommand.class, ServeCommand.class, HuntCommand.class, TokensCommand.class, UsersCommand.class,
                CommandLine.HelpCommand.class})
public final class CloudWardenCli {
    /** The release, as {@code --version} and SARIF's tool driver give it. */
    public static final String VERSION = "0.1.0";
    public static final int EXIT_OK = 0;
    public static final int EXIT_FINDINGS = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_REJECTED_INPUT = 3;

    /**
     * A file that cannot be opened or written (no such folder, permission, disk full) ends a command with its reason
     * on one line and exit 2, not a stack trace; anything else is a bug and keeps its trace.
     */
    private static int inputOutputError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
        if (!(cause instanceof java.io.IOException io)) {
            throw e;
        }
        String what = io instanceof java.nio.file.NoSuchFileException ? "no such file or folder: " + io.getMessage()
                : io instanceof java.nio.file.AccessDeniedException ? "permission denied: " + io.getMessage()
                : io.getMessage();
        cmd.getErr().println("error: " + dev.cloudwarden.app.output.TerminalText.safe(String.valueOf(what)));
        cmd.getErr().flush();
        return EXIT_USAGE;
    }

    private final OutputStream stdout;

    private CloudWardenCli(OutputStream stdout) {
        this.stdout = stdout;
    }

    public static void main(String[] args) {
        CommandLine cli = commandLine();
        int code = cli.execute(args);
        cli.getOut().flush(); // System.exit does not flush the buffer
        System.exit(code);
    }

    /** The CLI on the process's standard output. */
    public static CommandLine commandLine() {
        return commandLine(Stdout.open(), Stdout.textCharset());
    }

    /**
     * The CLI writing to {@code stdout}: NDJSON as UTF-8 bytes ({@link #stdout(CommandLine)}), text through
     * {@code getOut()} in {@code textCharset}, both into the one stream, so tests see what the process would write.
     */
    public static CommandLine commandLine(OutputStream stdout, Charset textCharset) {
        CommandLine cli = new CommandLine(new CloudWardenCli(stdout));
        ScaleOut.find().ifPresent(scaleOut -> scaleOut.commands().forEach(cli::addSubcommand));
        cli.setOut(new PrintWriter(new OutputStreamWriter(stdout, textCharset), true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(CloudWardenCli::inputOutputError);
        return cli;
    }

    /** Standard output as bytes, after the text written to {@code getOut()} so far, which stays in order before. */
    static OutputStream stdout(CommandLine command) {
        command.getOut().flush();
        return ((CloudWardenCli) command.getCommandSpec().root().userObject()).stdout;
    }
}
