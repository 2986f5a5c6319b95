package jtorch.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import jtorch.train.NonFiniteLossException;

/**
 * {@code jtorch train | eval | search | sample}: the training workflow from the command line. {@link #run} is the testable entry
 * point (streams in, exit status out); {@link #main} calls it and exits with its status. A user error (unknown option,
 * bad value, missing or malformed file) prints one line {@code jtorch <command>: <what is wrong>} to stderr and gives
 * status 2; a training run whose loss became NaN or infinite prints one line and gives status 1; nothing prints a stack
 * trace unless the environment variable {@code JTORCH_DEBUG} is set.
 */
public final class Main {
    static final List<Command> COMMANDS = List.of(new TrainCommand(), new EvalCommand(), new SearchCommand(),
            new SampleCommand());

    private Main() {}

    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command; returns the exit status (0 ok, 2 user error, 1 internal failure). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            if (args.length > 1) return run(new String[] {args[1], "--help"}, out, err);
            out.print(usage());
            return 0;
        }
        Command cmd = COMMANDS.stream().filter(c -> c.name().equals(args[0])).findFirst().orElse(null);
        if (cmd == null) {
            err.println("jtorch: unknown command '" + args[0] + "' (commands: train, eval, search, sample; try jtorch --help)");
            return 2;
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        try {
            return cmd.run(rest, out, err);
        } catch (CliException e) {
            err.println("jtorch " + cmd.name() + ": " + e.getMessage());
            return 2;
        } catch (NonFiniteLossException e) {
            debug(e, err);
            err.println("jtorch " + cmd.name() + ": " + oneLine(e.getMessage()) + " (--allow-nonfinite trains on anyway)");
            return 1;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            debug(e, err);
            err.println("jtorch " + cmd.name() + ": " + oneLine(e.getMessage()));
            return 2;
        } catch (OutOfMemoryError e) {
            err.println("jtorch " + cmd.name() + ": out of memory (raise the heap with JTORCH_JVM_OPTS=-Xmx4g)");
            return 1;
        } catch (Throwable e) {
            debug(e, err);
            err.println("jtorch " + cmd.name() + ": failed: " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage())
                    + " (set JTORCH_DEBUG=1 for the stack trace)");
            return 1;
        }
    }

    static String usage() {
        StringBuilder sb = new StringBuilder("usage: jtorch <command> [options]   (jtorch <command> --help for its options)\n\n");
        for (Command c : COMMANDS) sb.append(String.format("  %-8s %s%n", c.name(), c.summary()));
        return sb.toString();
    }

    private static void debug(Throwable e, PrintStream err) {
        if (System.getenv("JTORCH_DEBUG") != null) e.printStackTrace(err);
    }

    static String oneLine(String s) {
        return s == null ? "(no message)" : s.replace('\n', ' ').replace('\r', ' ').strip();
    }
}
