package jtorch.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Hyper-parameters of an optimizer by Torch7 name (e.g. {@code learningRate}, {@code momentum}), each with the
 * optimizer's default when absent. Unknown names are rejected by the optimizer, so a typo cannot be silently ignored,
 * and so are out-of-range values (a negative learning rate, a β outside [0, 1)).
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

    /** The names set, in insertion order, with their values. */
    public Map<String, Double> values() { return java.util.Collections.unmodifiableMap(values); }

    /** Throws naming the optimizer when a name is not one it knows. */
    public void check(String optimizer, Set<String> known) {
        for (String k : values.keySet()) {
            if (!known.contains(k)) throw new IllegalArgumentException(optimizer + ": unknown option '" + k
                    + "' (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
        }
    }

    /** The value of {@code name} (or the default), which must be finite and ≥ 0; throws naming the optimizer. */
    public double nonNegative(String optimizer, String name, double defaultValue) {
        double v = get(name, defaultValue);
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(optimizer + ": " + name
                + " must be a finite number >= 0, got " + v);
        return v;
    }

    /** The value of {@code name} (or the default), which must lie in [0, 1) (a decay or momentum factor). */
    public double fraction(String optimizer, String name, double defaultValue) {
        double v = get(name, defaultValue);
        if (!(v >= 0 && v < 1)) throw new IllegalArgumentException(optimizer + ": " + name + " must be in [0, 1), got " + v);
        return v;
    }

    /** The value of {@code name} (or the default), which must be a whole number ≥ {@code min}. */
    public int integer(String optimizer, String name, double defaultValue, int min) {
        double v = get(name, defaultValue);
        if (!(v >= min) || v != Math.rint(v) || v > Integer.MAX_VALUE) throw new IllegalArgumentException(optimizer + ": "
                + name + " must be a whole number >= " + min + ", got " + v);
        return (int) v;
    }

    @Override public String toString() { return values.toString(); }
}
