package jtorch.nn;

import java.util.Arrays;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Routes each sample to one of K branch modules: the input is a table {selector, x} with selector [B] (I32, or a
 * float tensor of integral values) in [0, K) and x [B, ...]; y[b] = branch_{selector[b]}(x[b]). All branches must
 * map their rows to the same trailing shape: y is [B, ...].
 * <p>Each branch runs once per step, on the sub-batch of its samples (rows gathered with {@code indexSelect}, results
 * scattered back to their places); a branch with no samples is not run. Backward sends each branch the rows of g of
 * its samples, so only chosen branches get input and parameter gradients; the gradient w.r.t. the selector is zero
 * (a tensor of its shape and dtype): the table {0, ∂L/∂x}.
 * <p>The branches are this container's children, so parameters, getParameters, training/evaluate and clones cover them.
 */
public class Switch extends Container {
    public static final ModuleType<Switch> TYPE = ModuleType.container("Switch", Switch.class, m -> java.util.Map.of(),
            (a, children) -> new Switch(children.toArray(Module[]::new)));
    private Tensor[] rows, subInputs; // per branch, for the current step: I32 sample indices and the gathered rows

    public Switch(Module... branches) {
        if (branches.length == 0) throw new IllegalArgumentException("Switch: needs at least one branch");
        for (Module m : branches) add(m);
    }

    @Override public Switch clone() { return (Switch) super.clone(); }

    private record Input(Tensor selector, Tensor x) {}

    private Input split(Activity input) {
        Table t = input.toTable(name());
        if (t.size() != 2) throw new IllegalArgumentException(name() + ": expected a table {selector, x}, got " + t.size()
                + " entries");
        Tensor sel = t.get(0).toTensor(name() + " selector"), x = t.get(1).toTensor(name() + " input x");
        if (sel.dim() != 1 || x.dim() < 1 || x.size(0) != sel.size(0) || sel.size(0) == 0) throw new IllegalArgumentException(
                name() + ": expected selector [B] and x [B, ...] with B > 0, got selector " + sel.shape() + " and x " + x.shape());
        return new Input(sel, x);
    }

    /** The samples of each branch, validated before anything runs. */
    private int[][] groups(Tensor sel) {
        double[] v = sel.toDoubleArray();
        int[] count = new int[modules.size()];
        int[] k = new int[v.length];
        for (int b = 0; b < v.length; b++) {
            if (v[b] != Math.rint(v[b]) || v[b] < 0 || v[b] >= modules.size()) throw new IllegalArgumentException(name()
                    + ": selector[" + b + "] = " + v[b] + " is not a branch index in [0, " + modules.size() + ")");
            count[k[b] = (int) v[b]]++;
        }
        int[][] g = new int[modules.size()][];
        for (int j = 0; j < g.length; j++) g[j] = new int[count[j]];
        int[] fill = new int[modules.size()];
        for (int b = 0; b < v.length; b++) g[k[b]][fill[k[b]]++] = b;
        return g;
    }

    @Override public Activity updateOutput(Activity input) {
        Input in = split(input);
        int[][] g = groups(in.selector());
        int n = modules.size();
        Tensor[] idx = new Tensor[n], xs = new Tensor[n], ys = new Tensor[n];
        int first = -1;
        for (int k = 0; k < n; k++) {
            if (g[k].length == 0) continue;
            idx[k] = Tensor.of(g[k], g[k].length).to(in.x().backend());
            xs[k] = in.x().indexSelect(0, idx[k]);
            ys[k] = forwardChild(k, xs[k]).toTensor(name() + " branch " + k + " output");
            if (first < 0) first = k;
            int[] want = ys[first].sizes();
            want[0] = g[k].length;
            if (!Arrays.equals(ys[k].sizes(), want) || ys[k].dtype() != ys[first].dtype()) throw new IllegalArgumentException(
                    name() + ": branch " + k + " maps " + xs[k].shape() + " to " + ys[k].dtype() + " " + ys[k].shape()
                    + ", expected " + ys[first].dtype() + " " + Arrays.toString(want) + " (branch " + first + "'s row shape)");
        }
        int[] s = ys[first].sizes();
        s[0] = in.x().size(0);
        Tensor y = reuse(output, ys[first], s).fillInPlace(0);
        for (int k = 0; k < n; k++) if (idx[k] != null) scatterRows(y, idx[k], ys[k]);
        rows = idx;
        subInputs = xs;
        return y;
    }

    /** dst[idx[r]] += src[r] for every row r (dst rows start at zero, and each is hit at most once). */
    private static void scatterRows(Tensor dst, Tensor idx, Tensor src) {
        int[] view = new int[src.dim()];
        Arrays.fill(view, 1);
        view[0] = idx.size(0);
        dst.backend().scatterAdd(dst, 0, idx.view(view).expand(src.sizes()), src);
    }

    private Tensor gradRows(Activity gradOutput, int k) {
        Tensor g = gradOutput.toTensor(name() + " gradOutput");
        if (!(output instanceof Tensor y) || rows == null) throw new IllegalStateException(name() + ": backward needs a forward first");
        if (!g.sameShape(y)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected the output's shape " + y.shape());
        return g.indexSelect(0, rows[k]);
    }

    private Table gradTable(Input in) {
        Table gi = gradInput instanceof Table t && t.size() == 2 ? t : Table.of(Tensor.zeros(0), Tensor.zeros(0));
        Tensor gs = gi.get(0) instanceof Tensor t && t.dtype() == in.selector().dtype() && t.sameShape(in.selector())
                ? t : in.selector().zerosLike();
        gi.set(0, gs.fillInPlace(0));
        gi.set(1, reuse(gi.get(1), in.x(), in.x().sizes()).fillInPlace(0));
        return gi;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Input in = split(input);
        Tensor[] gk = new Tensor[modules.size()];
        for (int k = 0; k < gk.length; k++) if (rows != null && rows[k] != null) gk[k] = gradRows(gradOutput, k);
        Table gi = gradTable(in);
        for (int k = 0; k < gk.length; k++) {
            if (gk[k] == null) continue;
            scatterRows(gi.tensor(1), rows[k], branchGrad(k, gradInputChild(k, subInputs[k], gk[k])));
        }
        return gi;
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Input in = split(input);
        for (int k = 0; k < modules.size(); k++) {
            if (rows != null && rows[k] != null) accGradChild(k, subInputs[k], gradRows(gradOutput, k), scale, false);
        }
    }

    @Override public Activity backward(Activity input, Activity gradOutput, double scale) {
        requireForward("backward");
        Input in = split(input);
        Tensor[] gk = new Tensor[modules.size()];
        for (int k = 0; k < gk.length; k++) if (rows != null && rows[k] != null) gk[k] = gradRows(gradOutput, k);
        Table gi = gradTable(in);
        for (int k = 0; k < gk.length; k++) {
            if (gk[k] == null) continue;
            scatterRows(gi.tensor(1), rows[k], branchGrad(k, backwardChild(k, subInputs[k], gk[k], scale)));
        }
        gradInput = gi;
        return gi;
    }

    private Tensor branchGrad(int k, Activity gi) {
        Tensor t = gi.toTensor(name() + " branch " + k + " gradInput");
        if (!t.sameShape(subInputs[k]) || t.dtype() != subInputs[k].dtype()) throw new IllegalStateException(name() + ": branch "
                + k + " returned gradInput " + t.dtype() + " " + t.shape() + " for its input " + subInputs[k].dtype() + " "
                + subInputs[k].shape());
        return t;
    }

    @Override protected void clearOwnState() { rows = null; subInputs = null; }

    @Override public String name() { return "Switch"; }
}
