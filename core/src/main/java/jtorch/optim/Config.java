package jtorch.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Hyper-parameters of an optimizer by Torch7 name (e.g. {@code learningRate}, {@code momentum}), each with the
 * optimizer's default when absent. Unknown names are rejected by the optimizer, so a typo cannot be silently ignored.
 */
public final class Config {
    private final Map<String, Double> values = new LinkedHashMap<>();

    /** Pairs of name and value: {@code Config.of("learningRate", 0.1, "momentum", 0.9)}. */
    public static Config of(Object... pairs) {
        if (pairs.length % 2 != 0) throw new IllegalArgumentException("Config.of: expected name/value pairs, got "
                + pairs.length + " arguments");
        Config c = new Config();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!(pairs[i] instanceof String name) || !(pairs[i + 1] instanceof Number v)) throw new IllegalArgumentException(
                    "Config.of: argument " + i + " must be a name followed by a number");
            c.set(name, v.doubleValue());
        }
        return c;
    }

    public Config set(String name, double value) { values.put(name, value); return this; }

    public double get(String name, double defaultValue) { return values.getOrDefault(name, defaultValue); }

    public boolean has(String name) { return values.containsKey(name); }

    /** Throws naming the optimizer when a name is not one it knows. */
    public void check(String optimizer, Set<String> known) {
        for (String k : values.keySet()) {
            if (!known.contains(k)) throw new IllegalArgumentException(optimizer + ": unknown option '" + k
                    + "' (known: " + String.join(", ", known) + ")");
        }
    }

    @Override public String toString() { return values.toString(); }
}
