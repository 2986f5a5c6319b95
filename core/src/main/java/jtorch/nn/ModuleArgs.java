package jtorch.nn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The constructor arguments of one module description (JSON values: Long, Double, Boolean, String, List), read by
 * name with checks: a missing argument, one of the wrong kind, or one the module type does not take throws naming the
 * module's path and type. {@link #of} writes them.
 */
public final class ModuleArgs {
    private final String where;
    private final Map<String, Object> values;
    private final Set<String> used = new HashSet<>();

    /** Arguments {@code values} of the module described at {@code where} (for messages). */
    public ModuleArgs(String where, Map<String, Object> values) { this.where = where; this.values = values; }

    /**
     * Name/value pairs in order, as JSON values: ints become Long, {@code int[]} a list of Long, floats Double;
     * non-finite doubles are kept (the writer spells them as strings).
     */
    public static Map<String, Object> of(Object... pairs) {
        if (pairs.length % 2 != 0) throw new IllegalArgumentException("ModuleArgs.of: expected name/value pairs");
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            if (v instanceof Integer n) v = (long) n;
            else if (v instanceof Float f) v = (double) f;
            else if (v instanceof int[] a) {
                List<Object> l = new ArrayList<>(a.length);
                for (int x : a) l.add((long) x);
                v = l;
            }
            m.put((String) pairs[i], v);
        }
        return m;
    }

    private Object get(String name) {
        used.add(name);
        if (!values.containsKey(name)) throw new IllegalArgumentException(where + ": missing argument \"" + name + "\"");
        return values.get(name);
    }

    /** Whether the description holds argument {@code name} (for arguments added later, read with a default). */
    public boolean has(String name) { return values.containsKey(name); }

    public int integer(String name) {
        Object v = get(name);
        if (!(v instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) throw wrong(name, "a whole number", v);
        return (int) (long) l;
    }

    /** A number; also the strings "NaN", "Infinity", "-Infinity". */
    public double number(String name) {
        Object v = get(name);
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            switch (s) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw wrong(name, "a number", v);
    }

    public boolean bool(String name) {
        Object v = get(name);
        if (!(v instanceof Boolean b)) throw wrong(name, "true or false", v);
        return b;
    }

    public int[] ints(String name) {
        Object v = get(name);
        if (!(v instanceof List<?> l)) throw wrong(name, "an array of whole numbers", v);
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Long x) || x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
                throw wrong(name, "an array of whole numbers", v);
            }
            out[i] = (int) (long) x;
        }
        return out;
    }

    /** An array of strings (e.g. node labels). */
    public List<String> strings(String name) {
        Object v = get(name);
        if (!(v instanceof List<?> l)) throw wrong(name, "an array of strings", v);
        List<String> out = new ArrayList<>(l.size());
        for (Object x : l) {
            if (!(x instanceof String str)) throw wrong(name, "an array of strings", v);
            out.add(str);
        }
        return out;
    }

    /** Throws when the description holds an argument that was never read (a typo, or a different version). */
    public void checkAllUsed() {
        Set<String> extra = new TreeSet<>(values.keySet());
        extra.removeAll(used);
        if (!extra.isEmpty()) throw new IllegalArgumentException(where + ": unknown argument(s) " + extra
                + (used.isEmpty() ? " (it takes none)" : " (it takes " + new TreeSet<>(used) + ")"));
    }

    private IllegalArgumentException wrong(String name, String expected, Object v) {
        String kind = switch (v) {
            case null -> "null";
            case Map<?, ?> m -> "object";
            case List<?> l -> "array";
            case String s -> "string";
            case Number n -> "number";
            case Boolean b -> "boolean";
            default -> v.getClass().getSimpleName();
        };
        String text = String.valueOf(v);
        return new IllegalArgumentException(where + ": argument \"" + name + "\" must be " + expected + ", got " + kind
                + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text));
    }
}
