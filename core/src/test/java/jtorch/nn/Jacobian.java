package jtorch.nn;

import java.util.ArrayList;
import java.util.List;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Finite-difference checks in the manner of Torch7's {@code nn.Jacobian}: the Jacobian of a module's output with
 * respect to its input (every tensor of a table input) or its parameters, computed by backward with unit gradOutputs
 * and by central differences (eps {@value #EPS}); each test returns the largest absolute difference. Use F64 tensors
 * on the reference back end ({@code module.to(DType.F64)}).
 */
public final class Jacobian {
    public static final double EPS = 1e-6;
    /** The tolerance DESIGN.md fixes for these checks. */
    public static final double TOLERANCE = 1e-5;

    private Jacobian() {}

    /** Every tensor in an activity, depth first. */
    public static List<Tensor> leaves(Activity a) {
        List<Tensor> out = new ArrayList<>();
        collect(a, out);
        return out;
    }

    private static void collect(Activity a, List<Tensor> out) {
        if (a instanceof Tensor t) out.add(t);
        else for (Activity c : ((Table) a).items()) collect(c, out);
    }

    /** An activity of the same structure filled with zeros, except 1 at flat position {@code hot} (or none if -1). */
    static Activity unit(Activity like, int[] hot) {
        if (like instanceof Tensor t) {
            Tensor z = t.zerosLike();
            if (hot[0] >= 0 && hot[0] < t.numel()) z.view(-1).set(1, hot[0]);
            hot[0] -= t.numel();
            return z;
        }
        List<Activity> items = new ArrayList<>();
        for (Activity c : ((Table) like).items()) items.add(unit(c, hot));
        return Table.of(items);
    }

    private static double[] flatCopy(Activity a) {
        List<double[]> parts = new ArrayList<>();
        int n = 0;
        for (Tensor t : leaves(a)) { double[] d = t.toDoubleArray(); parts.add(d); n += d.length; }
        double[] all = new double[n];
        int off = 0;
        for (double[] d : parts) { System.arraycopy(d, 0, all, off, d.length); off += d.length; }
        return all;
    }

    /** A single, contiguous 1-d view per element source: the tensors perturbed one element at a time. */
    private interface Perturbable { int size(); double get(int i); void set(int i, double v); }

    private static Perturbable of(List<Tensor> ts) {
        return new Perturbable() {
            public int size() { int n = 0; for (Tensor t : ts) n += t.numel(); return n; }
            private Object[] locate(int i) {
                for (Tensor t : ts) { if (i < t.numel()) return new Object[] {t, i}; i -= t.numel(); }
                throw new IndexOutOfBoundsException();
            }
            private int[] coords(Tensor t, int linear) {
                int[] c = new int[t.dim()];
                for (int d = t.dim() - 1; d >= 0; d--) { c[d] = linear % t.size(d); linear /= t.size(d); }
                return c;
            }
            public double get(int i) { Object[] l = locate(i); Tensor t = (Tensor) l[0]; return t.get(coords(t, (int) l[1])); }
            public void set(int i, double v) { Object[] l = locate(i); Tensor t = (Tensor) l[0]; t.set(v, coords(t, (int) l[1])); }
        };
    }

    /** max |analytic - numeric| of d output / d input. */
    public static double testInput(Module m, Activity input) {
        int nOut = flatCopy(m.forward(input)).length;
        Perturbable in = of(leaves(input));
        double[][] analytic = new double[nOut][];
        for (int j = 0; j < nOut; j++) {
            Activity out = m.forward(input);
            analytic[j] = flatCopy(m.updateGradInput(input, unit(out, new int[] {j})));
        }
        double worst = 0;
        for (int i = 0; i < in.size(); i++) {
            double orig = in.get(i);
            in.set(i, orig + EPS);
            double[] plus = flatCopy(m.forward(input));
            in.set(i, orig - EPS);
            double[] minus = flatCopy(m.forward(input));
            in.set(i, orig);
            for (int j = 0; j < nOut; j++) {
                worst = Math.max(worst, Math.abs((plus[j] - minus[j]) / (2 * EPS) - analytic[j][i]));
            }
        }
        return worst;
    }

    /** max |analytic - numeric| of d output / d parameters (all parameters, through accGradParameters with scale 1). */
    public static double testParameters(Module m, Activity input) {
        Module.Parameters p = m.parameters();
        Perturbable w = of(p.weights());
        int nOut = flatCopy(m.forward(input)).length;
        double[][] analytic = new double[nOut][];
        for (int j = 0; j < nOut; j++) {
            m.zeroGradParameters();
            Activity out = m.forward(input);
            m.backward(input, unit(out, new int[] {j}), 1);
            double[] row = new double[w.size()];
            int off = 0;
            for (Tensor g : p.gradients()) { double[] d = g.toDoubleArray(); System.arraycopy(d, 0, row, off, d.length); off += d.length; }
            analytic[j] = row;
        }
        double worst = 0;
        for (int i = 0; i < w.size(); i++) {
            double orig = w.get(i);
            w.set(i, orig + EPS);
            double[] plus = flatCopy(m.forward(input));
            w.set(i, orig - EPS);
            double[] minus = flatCopy(m.forward(input));
            w.set(i, orig);
            for (int j = 0; j < nOut; j++) {
                worst = Math.max(worst, Math.abs((plus[j] - minus[j]) / (2 * EPS) - analytic[j][i]));
            }
        }
        return worst;
    }

    /** max |analytic - numeric| of d loss / d input for a criterion. */
    public static double testCriterion(Criterion c, Activity input, Activity target) {
        c.forward(input, target);
        double[] analytic = flatCopy(c.backward(input, target));
        Perturbable in = of(leaves(input));
        double worst = 0;
        for (int i = 0; i < in.size(); i++) {
            double orig = in.get(i);
            in.set(i, orig + EPS);
            double plus = c.forward(input, target);
            in.set(i, orig - EPS);
            double minus = c.forward(input, target);
            in.set(i, orig);
            worst = Math.max(worst, Math.abs((plus - minus) / (2 * EPS) - analytic[i]));
        }
        return worst;
    }
}
