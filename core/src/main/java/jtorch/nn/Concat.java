package jtorch.nn;

import java.util.Arrays;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Runs every child on the same input and concatenates their tensor outputs along {@code dim}:
 * y = [m_1(x), m_2(x), ..., m_n(x)] along dim. {@code dim} counts the full tensor dimensions, batch included
 * (dim 0 is the batch, so {@code Concat(1)} joins the features of [B, F_i] outputs into [B, Σ F_i]). The outputs
 * must agree in every other dimension. The input may be a tensor or a table (each child sees all of it).
 * <p>Backward: child i gets the slice of gradOutput along dim that matches its output; ∂L/∂x = Σ_i ∂L/∂x via
 * child i (tables summed entry by entry).
 */
public class Concat extends Container implements TensorModule {
    public static final ModuleType<Concat> TYPE = ModuleType.container("Concat", Concat.class,
            m -> ModuleArgs.of("dim", m.dimension()), (a, children) -> {
                Concat c = new Concat(a.integer("dim"));
                for (Module m : children) c.add(m);
                return c;
            });
    private final int dim;

    public Concat(int dim) {
        if (dim < 0) throw new IllegalArgumentException("Concat: dimension must be >= 0, got " + dim);
        this.dim = dim;
    }

    @Override public Concat add(Module m) { super.add(m); return this; }

    public int dimension() { return dim; }

    @Override public Concat clone() { return (Concat) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        if (modules.isEmpty()) throw new IllegalArgumentException(name() + ": no child modules");
        Tensor[] outs = new Tensor[modules.size()];
        for (int i = 0; i < outs.length; i++) outs[i] = forwardChild(i, input).toTensor(name() + " child " + i);
        int[] sizes = outs[0].sizes();
        if (dim >= sizes.length) throw new IllegalArgumentException(name() + ": child 0 output " + outs[0].shape()
                + " has no dimension " + dim);
        int total = 0;
        for (int i = 0; i < outs.length; i++) {
            int[] s = outs[i].sizes();
            boolean ok = s.length == sizes.length;
            for (int d = 0; ok && d < s.length; d++) ok = d == dim || s[d] == sizes[d];
            if (!ok) throw new IllegalArgumentException(name() + ": child " + i + " output " + outs[i].shape()
                    + " does not match child 0 output " + outs[0].shape() + " outside dimension " + dim);
            total += s[dim];
        }
        sizes[dim] = total;
        Tensor y = reuse(output, outs[0], sizes);
        int off = 0;
        for (Tensor o : outs) { y.narrow(dim, off, o.size(dim)).copy(o); off += o.size(dim); }
        return y;
    }

    /** gradOutput as a tensor of the output's shape. */
    private Tensor grad(Activity gradOutput) {
        Tensor g = gradOutput.toTensor(name() + " gradOutput"), y = (Tensor) output;
        if (y == null || !g.sameShape(y)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected the output's shape " + (y == null ? "(no forward yet)" : Arrays.toString(y.sizes())));
        return g;
    }

    private Tensor slice(Tensor g, int i, int off) {
        return g.narrow(dim, off, ((Tensor) modules.get(i).output()).size(dim));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor g = grad(gradOutput);
        int off = 0;
        for (int i = 0; i < modules.size(); i++) {
            Tensor gi = slice(g, i, off);
            off += gi.size(dim);
            accumulate(i, gradInputChild(i, input, gi));
        }
        return gradInput;
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor g = grad(gradOutput);
        int off = 0;
        for (int i = 0; i < modules.size(); i++) {
            Tensor gi = slice(g, i, off);
            off += gi.size(dim);
            accGradChild(i, input, gi, scale, false);
        }
    }

    @Override public Activity backward(Activity input, Activity gradOutput, double scale) {
        requireForward("backward");
        Tensor g = grad(gradOutput);
        int off = 0;
        for (int i = 0; i < modules.size(); i++) {
            Tensor gi = slice(g, i, off);
            off += gi.size(dim);
            accumulate(i, backwardChild(i, input, gi, scale));
        }
        return gradInput;
    }

    private void accumulate(int i, Activity childGrad) {
        if (i == 0) gradInput = Activities.copyInto(gradInput, childGrad);
        else Activities.addInto(name(), gradInput, childGrad);
    }

    @Override public String name() { return "Concat(" + dim + ")"; }
}
