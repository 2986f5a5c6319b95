package jtorch.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import jtorch.nn.JacobianEntries.Entry;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Finite-difference check of a module's or a criterion's gradients (Torch7's {@code nn.Jacobian}, PyTorch's
 * {@code gradcheck}): use it to test a module you wrote.
 * <pre>{@code
 * Module m = new MyModule(3, 2).to(DType.F64);
 * Tensor x = Tensor.randn(DType.F64, new Generator(1), 4, 3);
 * Jacobian.check(m, x).assertBelow(Jacobian.TOLERANCE);   // AssertionError with a table if any entry is off
 * }</pre>
 * <b>What is compared.</b> For a module y = f(x; θ), with the output y flattened to n_y numbers (a tensor, or every
 * tensor of a table depth first) and each checked entry z (each input tensor, each named parameter) of n_z elements:
 * <ul>
 *   <li>analytic J[j][i] = ∂y_j/∂z_i: {@code backward(x, e_j, 1/2)} with the one-hot gradOutput e_j (y's structure
 *       and shapes) on zeroed gradients; for an input entry the matching tensor of gradInput, for a parameter its
 *       gradient times 2 (so a module that ignores accGradParameters' {@code scale} fails);</li>
 *   <li>numeric N[j][i] = (y_j(z + eps·e_i) − y_j(z − eps·e_i)) / (2·eps) (central differences, forward only);</li>
 *   <li>reported per entry: max over i, j of |J − N| ({@link JacobianReport}).</li>
 * </ul>
 * A criterion L(x, target) is checked the same way with n_y = 1 and J = {@code backward(x, target)}.
 * Cost: n_y backward and 2·Σ n_z forward passes, so use small sizes (a batch of 2–4, a few features).
 * <p><b>Precision and tolerance.</b> F64 only: inputs and parameters in F32 are refused (the module is checked as
 * given; convert it with {@code m.to(DType.F64)}). With eps = {@value #EPS} the truncation error is about
 * eps²·|f'''| ≈ 1e-12 and the rounding error about 1e-16·|y|/eps ≈ 1e-10·|y|, so {@value #TOLERANCE} absolute
 * (DESIGN.md §6, as Torch7) holds for |y| up to ~1e4; larger outputs need a scaled tolerance. Keep inputs at least
 * ~1e-3 away from kinks (ReLU at 0, ties of Max/Min/CMaxTable, HardTanh's bounds), where the one-sided slopes differ.
 * <p><b>Inputs.</b> A tensor or a table of tensors (nested tables too): each tensor is an entry ({@code input},
 * {@code input[1]}, {@code input[1][0]}). I32 tensors are never perturbed; {@link Options#constant} marks other
 * top-level table entries constant (e.g. the F64 selector of a {@link Switch}). gradInput must have the input's
 * structure. <b>Parameters</b> are named as in {@link Module#namedParameters()}; a weight shared by several modules is
 * one entry {@code 0.weight = 1.weight} whose gradient is the sum of its holders' distinct gradient tensors.
 * <p><b>Noise.</b> Two forwards of the same input must give the same output: freeze a module's noise first
 * ({@code Dropout.freezeNoise(true)}) or check it in {@code evaluate()} mode; the check throws otherwise. It also
 * throws when forward changes its input. Parameter gradients are restored afterwards; weights and inputs are left with
 * their exact original values.
 */
public final class Jacobian {
    /** The default finite-difference step. */
    public static final double EPS = 1e-6;
    /** The absolute tolerance DESIGN.md fixes for these checks (F64, eps 1e-6). */
    public static final double TOLERANCE = 1e-5;
    private static final double SCALE = 0.5;

    private Jacobian() {}

    /**
     * Options of a check.
     *
     * @param eps             the finite-difference step (&gt; 0)
     * @param constantEntries top-level input table entries that are not perturbed and not reported
     */
    public record Options(double eps, Set<Integer> constantEntries) {
        public Options {
            if (!(eps > 0 && eps < 1)) throw new IllegalArgumentException("Jacobian.Options: eps must be in (0, 1), got " + eps);
            constantEntries = Set.copyOf(constantEntries);
        }

        /** These options with step {@code e}. */
        public Options eps(double e) { return new Options(e, constantEntries); }

        /** These options with the top-level input table {@code entries} held constant. */
        public Options constant(int... entries) {
            List<Integer> l = new ArrayList<>(constantEntries);
            for (int e : entries) l.add(e);
            return new Options(eps, Set.copyOf(l));
        }
    }

    /** eps {@value #EPS}, every floating-point input entry perturbed. */
    public static Options options() { return new Options(EPS, Set.of()); }

    /** Checks ∂output/∂input and ∂output/∂θ for every named parameter θ, with the default options. */
    public static JacobianReport check(Module m, Activity input) { return check(m, input, options()); }

    /** Checks ∂output/∂input (but the constant entries) and ∂output/∂θ for every named parameter θ. */
    public static JacobianReport check(Module m, Activity input, Options o) {
        String who = "Jacobian.check(" + m.name() + ")";
        List<Entry> entries = new ArrayList<>(JacobianEntries.inputs(who, input, o.constantEntries()));
        boolean hasInputs = !entries.isEmpty();
        entries.addAll(JacobianEntries.parameters(who, m));
        int nLeaves = JacobianEntries.leaves(input).size();
        Supplier<double[]> f = () -> {
            Activity y = m.forward(input);
            for (Tensor t : JacobianEntries.leaves(y)) JacobianEntries.requireF64(who, "the output", t,
                    "convert the module with module.to(DType.F64)");
            return JacobianEntries.flat(y);
        };
        double[] y0 = deterministic(who, input, f);
        Activity shape = JacobianEntries.unit(m.output(), -1);
        List<Tensor> grads = m.parameters().gradients(), saved = new ArrayList<>();
        for (Tensor g : grads) saved.add(g.clone());
        double[][] jac = new double[y0.length][];
        try {
            for (int j = 0; j < y0.length; j++) {
                m.zeroGradParameters();
                m.forward(input);
                Activity gi = m.backward(input, JacobianEntries.unit(shape, j), SCALE);
                if (hasInputs && gi == null) throw new IllegalStateException(who + ": backward returned no gradInput "
                        + "(gradInputNeeded is off): switch it on with gradInputNeeded(true) to check the input");
                List<Tensor> gl = hasInputs ? JacobianEntries.leaves(gi) : List.of();
                if (hasInputs && gl.size() != nLeaves) throw new IllegalStateException(who + ": gradInput has "
                        + gl.size() + " tensors, the input " + nLeaves + "; gradInput must have the input's structure");
                jac[j] = analyticRow(who, entries, gl);
            }
            JacobianReport r = numeric(m.name(), o.eps(), entries, jac, f);
            m.forward(input);
            return r;
        } finally {
            for (int i = 0; i < grads.size(); i++) grads.get(i).copy(saved.get(i));
        }
    }

    /** Checks ∂loss/∂input of a criterion with the default options. */
    public static JacobianReport checkCriterion(Criterion c, Activity input, Activity target) {
        return checkCriterion(c, input, target, options());
    }

    /** Checks ∂loss/∂input of a criterion (every input entry but the constant ones; the target is never perturbed). */
    public static JacobianReport checkCriterion(Criterion c, Activity input, Activity target, Options o) {
        String who = "Jacobian.checkCriterion(" + c.name() + ")";
        List<Entry> entries = JacobianEntries.inputs(who, input, o.constantEntries());
        Supplier<double[]> f = () -> new double[] {c.forward(input, target)};
        deterministic(who, input, f); // ends with a forward of the input
        List<Tensor> gl = JacobianEntries.leaves(c.backward(input, target));
        int nLeaves = JacobianEntries.leaves(input).size();
        if (gl.size() != nLeaves) throw new IllegalStateException(who + ": gradInput has " + gl.size() + " tensors, the "
                + "input " + nLeaves + "; gradInput must have the input's structure");
        double[][] jac = {analyticRow(who, entries, gl)};
        JacobianReport r = numeric(c.name(), o.eps(), entries, jac, f);
        f.get();
        return r;
    }

    /** Runs f twice; throws when the outputs differ or the input changed. */
    private static double[] deterministic(String who, Activity input, Supplier<double[]> f) {
        double[] x0 = JacobianEntries.flat(input), y0 = f.get(), y1 = f.get();
        if (!java.util.Arrays.equals(x0, JacobianEntries.flat(input))) throw new IllegalStateException(who
                + ": forward changed its input in place; finite differences need forward to leave the input alone");
        for (int j = 0; j < y0.length; j++) if (!(y0[j] == y1[j] || Double.isNaN(y0[j]) && Double.isNaN(y1[j]))) throw new IllegalStateException(who
                + ": two forwards of the same input differ at output #" + j + " (" + y0[j] + " vs " + y1[j] + "): the "
                + "module draws noise; freeze it (Dropout.freezeNoise(true)) or check it in evaluate() mode");
        return y0;
    }

    /** The analytic derivatives of one output element w.r.t. every entry, concatenated. */
    private static double[] analyticRow(String who, List<Entry> entries, List<Tensor> gradInput) {
        int n = 0;
        for (Entry e : entries) n += e.size();
        double[] row = new double[n];
        int off = 0;
        for (Entry e : entries) {
            List<Tensor> gs = e.leaf() >= 0 ? List.of(gradInput.get(e.leaf())) : e.gradients();
            for (Tensor g : gs) {
                if (!g.sameShape(e.value())) throw new IllegalStateException(who + ": the gradient of " + e.name() + " has "
                        + "shape " + g.shape() + " but " + e.name() + " is " + e.value().shape() + " (a gradient has "
                        + "the shape of its tensor)");
                double[] d = g.toDoubleArray();
                double s = e.leaf() >= 0 ? 1 : 1 / SCALE;
                for (int i = 0; i < d.length; i++) row[off + i] += s * d[i];
            }
            off += e.size();
        }
        return row;
    }

    /** Perturbs each element of each entry by ±eps and compares the central difference with {@code jac}. */
    private static JacobianReport numeric(String subject, double eps, List<Entry> entries, double[][] jac,
                                          Supplier<double[]> f) {
        List<JacobianReport.Row> rows = new ArrayList<>();
        int off = 0;
        for (Entry e : entries) {
            Tensor t = e.value();
            double worst = 0, an = 0, nu = 0;
            int at = -1, out = 0;
            for (int i = 0; i < e.size(); i++) {
                int[] c = JacobianEntries.coords(t, i);
                double orig = t.get(c);
                double[] plus, minus;
                try {
                    t.set(orig + eps, c);
                    plus = f.get();
                    t.set(orig - eps, c);
                    minus = f.get();
                } finally {
                    t.set(orig, c); // also when forward throws on the perturbed value
                }
                for (int j = 0; j < plus.length; j++) {
                    double num = (plus[j] - minus[j]) / (2 * eps), err = Math.abs(jac[j][off + i] - num);
                    if (at < 0 || !(err <= worst) && !Double.isNaN(worst)) {
                        worst = err; at = i; out = j; an = jac[j][off + i]; nu = num;
                    }
                }
            }
            rows.add(new JacobianReport.Row(e.name(), t.sizes(), worst, at, out, an, nu));
            off += e.size();
        }
        return new JacobianReport(subject, eps, rows);
    }
}
