package jtorch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parsed command-line options of one command: {@code --name value}, {@code --name=value} and flags ({@code --name}),
 * checked against the command's {@link Opt} list. Every problem is a {@link CliException} with one clear sentence:
 * unknown option, missing value, a value of the wrong type or out of range, a repeated option, a stray argument.
 */
final class Args {
    /** One option: {@code value} is its placeholder in the help ("N", "X", ...) or null for a flag. */
    record Opt(String name, String value, String help) {}

    private final String command;
    private final Map<String, String> values = new LinkedHashMap<>();

    private Args(String command) { this.command = command; }

    /** Parses {@code argv} against {@code opts}; {@code --help}/{@code -h} sets the flag "help". */
    static Args parse(String command, String[] argv, List<Opt> opts) {
        Args a = new Args(command);
        Map<String, Opt> byName = new LinkedHashMap<>();
        for (Opt o : opts) byName.put(o.name(), o);
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (arg.equals("--help") || arg.equals("-h")) { a.values.put("help", ""); continue; }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new CliException("unexpected argument '" + arg + "' (options start with --; see jtorch " + command + " --help)");
            }
            String name = arg.substring(2), value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) { value = name.substring(eq + 1); name = name.substring(0, eq); }
            Opt o = byName.get(name);
            if (o == null) throw new CliException("unknown option --" + name + suggestion(name, byName.keySet())
                    + " (see jtorch " + command + " --help)");
            if (o.value() == null) {
                if (value != null) throw new CliException("option --" + name + " takes no value");
                value = "";
            } else if (value == null) {
                if (i + 1 >= argv.length || (argv[i + 1].startsWith("--") && argv[i + 1].length() > 2)) {
                    throw new CliException("option --" + name + " needs a value (" + o.value() + ")");
                }
                value = argv[++i];
            }
            if (a.values.put(name, value) != null) throw new CliException("option --" + name + " given twice");
        }
        return a;
    }

    private static String suggestion(String name, Iterable<String> known) {
        String best = null;
        int bestD = 3;
        for (String k : known) {
            int d = distance(name, k);
            if (d < bestD) { bestD = d; best = k; }
        }
        return best == null ? "" : " (did you mean --" + best + "?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }

    boolean has(String name) { return values.containsKey(name); }

    String string(String name, String dflt) { return values.getOrDefault(name, dflt); }

    /** An integer in [min, max]. */
    int integer(String name, int dflt, int min, int max) {
        String v = values.get(name);
        if (v == null) return dflt;
        int r;
        try {
            r = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new CliException("bad value '" + v + "' for --" + name + ": expected a whole number");
        }
        if (r < min || r > max) throw new CliException("bad value " + r + " for --" + name + ": must be "
                + (max == Integer.MAX_VALUE ? ">= " + min : "between " + min + " and " + max));
        return r;
    }

    long longValue(String name, long dflt) {
        String v = values.get(name);
        if (v == null) return dflt;
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new CliException("bad value '" + v + "' for --" + name + ": expected a whole number");
        }
    }

    /** A finite number in [lo, hi] (or (lo, hi] when {@code openLo}). */
    double real(String name, double dflt, double lo, boolean openLo, double hi) {
        String v = values.get(name);
        if (v == null) return dflt;
        double r;
        try {
            r = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new CliException("bad value '" + v + "' for --" + name + ": expected a number");
        }
        if (!Double.isFinite(r) || (openLo ? r <= lo : r < lo) || r > hi) {
            throw new CliException("bad value " + v + " for --" + name + ": must be " + range(lo, openLo, hi));
        }
        return r;
    }

    private static String range(double lo, boolean openLo, double hi) {
        String l = fmt(lo);
        if (hi == Double.MAX_VALUE) return (openLo ? "> " : ">= ") + l;
        return (openLo ? "> " + l + " and <= " : "between " + l + " and ") + fmt(hi);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }

    /** A comma-separated list of positive whole numbers, e.g. "256,128". */
    int[] intList(String name, int[] dflt) {
        String v = values.get(name);
        if (v == null) return dflt;
        List<Integer> r = new ArrayList<>();
        for (String s : v.split(",")) {
            try {
                int x = Integer.parseInt(s.strip());
                if (x < 1) throw new NumberFormatException();
                r.add(x);
            } catch (NumberFormatException e) {
                throw new CliException("bad value '" + v + "' for --" + name + ": expected whole numbers >= 1 separated by commas");
            }
        }
        return r.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One of {@code choices}. */
    String choice(String name, String dflt, List<String> choices) {
        String v = values.getOrDefault(name, dflt);
        if (!choices.contains(v)) throw new CliException("bad value '" + v + "' for --" + name + ": expected one of "
                + String.join(", ", choices));
        return v;
    }

    /** An existing regular file. */
    static Path existingFile(String option, String v) {
        Path p = Path.of(v);
        if (!Files.exists(p)) throw new CliException("--" + option + ": no such file: " + v);
        if (!Files.isRegularFile(p)) throw new CliException("--" + option + ": not a regular file: " + v);
        if (!Files.isReadable(p)) throw new CliException("--" + option + ": cannot read " + v);
        return p;
    }

    /** The help text of {@code opts}: one aligned line each. */
    static String optionHelp(List<Opt> opts) {
        int w = 0;
        for (Opt o : opts) w = Math.max(w, label(o).length());
        StringBuilder sb = new StringBuilder();
        for (Opt o : opts) {
            String l = label(o);
            sb.append("  ").append(l).append(" ".repeat(w - l.length() + 2)).append(o.help().replace("\n", "\n" + " ".repeat(w + 4)))
                    .append('\n');
        }
        sb.append("  --help").append(" ".repeat(Math.max(2, w - 6 + 2))).append("print this help\n");
        return sb.toString();
    }

    private static String label(Opt o) { return "--" + o.name() + (o.value() == null ? "" : " " + o.value()); }
}
