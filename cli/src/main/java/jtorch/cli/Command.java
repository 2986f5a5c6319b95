package jtorch.cli;

import java.io.PrintStream;

/** One subcommand of {@code jtorch}: its name, a one-line summary, its help text, and the action. */
interface Command {
    String name();

    String summary();

    /** The full {@code --help} text. */
    String help();

    /** Runs with the arguments after the command name; returns the exit status. Throws {@link CliException} on user errors. */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
