package jtorch.examples;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} command-line options of the examples; every error is an IllegalArgumentException naming the option. */
final class Options {
    private final Map<String, String> values = new HashMap<>();

    Options(String[] args, String... known) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) throw new IllegalArgumentException("options");
            if (!List.of(known).contains(a)) throw new IllegalArgumentException("unknown option " + a);
            if (i + 1 >= args.length) throw new IllegalArgumentException("option " + a + " needs a value");
            values.put(a, args[++i]);
        }
    }

    int integer(String name, int defaultValue) { return (int) number(name, defaultValue, true); }

    long whole(String name, long defaultValue) { return (long) number(name, defaultValue, true); }

    double real(String name, double defaultValue) { return number(name, defaultValue, false); }

    String string(String name, String defaultValue) { return values.getOrDefault(name, defaultValue); }

    /** The value of {@code name}, which must be one of {@code allowed} ("NAME must be A, B or C, got X" otherwise). */
    String choice(String name, String defaultValue, String... allowed) {
        String v = string(name, defaultValue);
        if (!List.of(allowed).contains(v)) throw new IllegalArgumentException(name + " must be "
                + String.join(", ", List.of(allowed).subList(0, allowed.length - 1)) + " or " + allowed[allowed.length - 1]
                + ", got " + v);
        return v;
    }

    /** Whether option {@code name} was given. */
    boolean has(String name) { return values.containsKey(name); }

    private double number(String name, double defaultValue, boolean integral) {
        String v = values.get(name);
        if (v == null) return defaultValue;
        try {
            return integral ? Long.parseLong(v) : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad value '" + v + "' for " + name);
        }
    }
}
