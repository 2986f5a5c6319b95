package jtorch.io;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The constructor arguments of one module description, read by name with checks: a missing argument, one of the wrong
 * kind, or one the module type does not take throws naming the module's path and type.
 */
final class ModuleArgs {
    private final String where;
    private final Map<String, Object> values;
    private final Set<String> used = new HashSet<>();

    ModuleArgs(String where, Map<String, Object> values) { this.where = where; this.values = values; }

    private Object get(String name) {
        used.add(name);
        if (!values.containsKey(name)) throw new IllegalArgumentException(where + ": missing argument \"" + name + "\"");
        return values.get(name);
    }

    int integer(String name) {
        Object v = get(name);
        if (!(v instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) throw wrong(name, "a whole number", v);
        return (int) (long) l;
    }

    double number(String name) {
        Object v = get(name);
        try {
            return Json.toDouble(v);
        } catch (IllegalArgumentException e) {
            throw wrong(name, "a number", v);
        }
    }

    boolean bool(String name) {
        Object v = get(name);
        if (!(v instanceof Boolean b)) throw wrong(name, "true or false", v);
        return b;
    }

    int[] ints(String name) {
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

    /** Throws when the description holds an argument that was never read (a typo, or a different version). */
    void checkAllUsed() {
        Set<String> extra = new TreeSet<>(values.keySet());
        extra.removeAll(used);
        if (!extra.isEmpty()) throw new IllegalArgumentException(where + ": unknown argument(s) " + extra
                + (used.isEmpty() ? " (it takes none)" : " (it takes " + new TreeSet<>(used) + ")"));
    }

    private IllegalArgumentException wrong(String name, String expected, Object v) {
        return new IllegalArgumentException(where + ": argument \"" + name + "\" must be " + expected + ", got "
                + Json.kind(v) + " " + Json.write(v instanceof String s && s.length() > 40 ? s.substring(0, 40) : v));
    }
}
