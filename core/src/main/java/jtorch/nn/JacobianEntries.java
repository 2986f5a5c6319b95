package jtorch.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * The things {@link Jacobian} perturbs, one element at a time: input tensors (named {@code input},
 * {@code input[1]}, {@code input[1][0]}) and parameters (named as in {@link Module#namedParameters()}; a weight tensor
 * held by several modules is one entry, named {@code a = b}, whose gradient is the sum of its holders' distinct
 * gradient tensors). Also the flattening and one-hot helpers.
 */
final class JacobianEntries {
    private JacobianEntries() {}

    /**
     * One checked tensor. {@code leaf}: its position among the input's tensors (depth first), or -1 for a parameter,
     * whose analytic gradient is the sum of {@code gradients}.
     */
    record Entry(String name, Tensor value, int leaf, List<Tensor> gradients) {
        int size() { return value.numel(); }
    }

    /** Every tensor of an activity, depth first. */
    static List<Tensor> leaves(Activity a) {
        List<Tensor> out = new ArrayList<>();
        collect(a, "", out, new ArrayList<>());
        return out;
    }

    private static void collect(Activity a, String name, List<Tensor> out, List<String> names) {
        if (a instanceof Tensor t) { out.add(t); names.add(name); return; }
        List<Activity> items = ((Table) a).items();
        for (int i = 0; i < items.size(); i++) collect(items.get(i), name + "[" + i + "]", out, names);
    }

    /** The input tensors to perturb: all but I32 ones and those under the top-level table entries {@code constant}. */
    static List<Entry> inputs(String who, Activity input, Set<Integer> constant) {
        if (input == null) throw new IllegalArgumentException(who + ": null input");
        if (!constant.isEmpty()) {
            int n = input instanceof Table t ? t.size() : 0;
            for (int k : constant) if (k < 0 || k >= n) throw new IllegalArgumentException(who + ": constant entry " + k
                    + " is not an entry of the input (" + (input instanceof Table ? "a table of " + n + " entries"
                    : "a tensor; constant entries name table entries") + ")");
        }
        List<Tensor> ts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> top = new ArrayList<>(); // the top-level table entry of each tensor (-1: the input is a tensor)
        if (input instanceof Table t) {
            for (int k = 0; k < t.size(); k++) {
                collect(t.get(k), "input[" + k + "]", ts, names);
                while (top.size() < ts.size()) top.add(k);
            }
        } else {
            collect(input, "input", ts, names);
            top.add(-1);
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) {
            Tensor t = ts.get(i);
            if (t.dtype() == DType.I32 || constant.contains(top.get(i))) continue;
            requireF64(who, names.get(i), t, "pass F64 inputs (x.to(DType.F64)), or mark the entry constant");
            out.add(new Entry(names.get(i), t, i, List.of()));
        }
        return out;
    }

    /** The module's parameters, one entry per distinct weight tensor. */
    static List<Entry> parameters(String who, Module m) {
        List<Entry> out = new ArrayList<>();
        List<List<Tensor>> grads = new ArrayList<>();
        for (Module.Parameter p : m.namedParameters()) {
            requireF64(who, "parameter " + p.name(), p.weight(), "convert the module with module.to(DType.F64)");
            int k = 0;
            while (k < out.size() && !sameElements(out.get(k).value(), p.weight())) k++;
            if (k == out.size()) {
                out.add(new Entry(p.name(), p.weight(), -1, List.of()));
                grads.add(new ArrayList<>());
            } else {
                Entry e = out.get(k);
                out.set(k, new Entry(e.name() + " = " + p.name(), e.value(), -1, List.of()));
            }
            List<Tensor> g = grads.get(k);
            if (g.stream().noneMatch(x -> sameElements(x, p.gradient()))) g.add(p.gradient());
        }
        for (int k = 0; k < out.size(); k++) out.set(k, new Entry(out.get(k).name(), out.get(k).value(), -1, grads.get(k)));
        return out;
    }

    private static boolean sameElements(Tensor a, Tensor b) {
        return a == b || a.storage() == b.storage() && a.offset() == b.offset() && Arrays.equals(a.sizes(), b.sizes())
                && Arrays.equals(a.strides(), b.strides());
    }

    static void requireF64(String who, String what, Tensor t, String fix) {
        if (t.dtype() != DType.F64) throw new IllegalArgumentException(who + ": " + what + " " + t.shape() + " is "
                + t.dtype() + "; finite differences need F64 (the rounding error of " + t.dtype() + " divided by eps "
                + "swamps any useful tolerance): " + fix);
    }

    /** All elements of an activity's tensors, depth first, row-major within each (a copy). */
    static double[] flat(Activity a) {
        List<double[]> parts = new ArrayList<>();
        int n = 0;
        for (Tensor t : leaves(a)) { double[] d = t.toDoubleArray(); parts.add(d); n += d.length; }
        double[] all = new double[n];
        int off = 0;
        for (double[] d : parts) { System.arraycopy(d, 0, all, off, d.length); off += d.length; }
        return all;
    }

    /** Zeros of {@code like}'s structure, shapes and dtypes, with 1 at flat position {@code hot} (none when -1). */
    static Activity unit(Activity like, int hot) { return unit(like, new int[] {hot}); }

    private static Activity unit(Activity like, int[] hot) {
        if (like instanceof Tensor t) {
            Tensor z = t.zerosLike();
            if (hot[0] >= 0 && hot[0] < t.numel()) z.set(1, coords(z, hot[0]));
            hot[0] -= t.numel();
            return z;
        }
        List<Activity> items = new ArrayList<>();
        for (Activity c : ((Table) like).items()) items.add(unit(c, hot));
        return Table.of(items);
    }

    /** The row-major coordinates of flat position {@code linear} in {@code t}. */
    static int[] coords(Tensor t, int linear) {
        int[] c = new int[t.dim()];
        for (int d = t.dim() - 1; d >= 0; d--) { c[d] = linear % t.size(d); linear /= t.size(d); }
        return c;
    }
}
