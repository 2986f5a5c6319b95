package jtorch.nn;

import java.util.Arrays;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Torch7's {@code nn.DepthConcat(dim)} for Inception-style branches: every child runs on the same input and the
 * outputs are concatenated along {@code dim} (counted with the batch: 1 joins the channels of [B, C_i, H_i, W_i]);
 * outputs smaller than the largest in another dimension are centred in zeros, starting at ⌊(max - size)/2⌋ (a 3×3
 * map in a 5×5 output gets one zero on each side, a 4×4 in 9×9 two before and three after). Backward: child i gets
 * the window of gradOutput its output was copied to; ∂L/∂x = Σ_i ∂L/∂x via child i.
 */
public class DepthConcat extends Container implements TensorModule {
    public static final ModuleType<DepthConcat> TYPE = ModuleType.container("DepthConcat", DepthConcat.class,
            m -> ModuleArgs.of("dim", m.dim), (a, children) -> {
                DepthConcat c = new DepthConcat(a.integer("dim"));
                for (Module m : children) c.add(m);
                return c;
            });
    private final int dim;
    private int[][] offsets; // per child, the start of its window in every dimension

    public DepthConcat(int dim) {
        if (dim < 1) throw new IllegalArgumentException("DepthConcat: the dimension must be >= 1 (0 is the batch), got " + dim);
        this.dim = dim;
    }

    public int dimension() { return dim; }

    @Override public DepthConcat add(Module m) { super.add(m); return this; }

    @Override public DepthConcat clone() { return (DepthConcat) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        if (modules.isEmpty()) throw new IllegalArgumentException(name() + ": no child modules");
        Tensor[] outs = new Tensor[modules.size()];
        for (int i = 0; i < outs.length; i++) outs[i] = forwardChild(i, input).toTensor(name() + " child " + i);
        int[] size = outs[0].sizes();
        if (dim >= size.length) throw new IllegalArgumentException(name() + ": child 0 output " + outs[0].shape()
                + " has no dimension " + dim);
        size[dim] = 0;
        for (int i = 0; i < outs.length; i++) {
            int[] s = outs[i].sizes();
            if (s.length != size.length || s[0] != size[0]) throw new IllegalArgumentException(name() + ": child " + i
                    + " output " + outs[i].shape() + " does not match the rank and batch of child 0 output " + outs[0].shape());
            for (int d = 1; d < s.length; d++) size[d] = d == dim ? size[d] + s[d] : Math.max(size[d], s[d]);
        }
        offsets = new int[outs.length][];
        Tensor y = reuse(output, outs[0], size).fillInPlace(0);
        int at = 0;
        for (int i = 0; i < outs.length; i++) {
            int[] s = outs[i].sizes(), off = new int[s.length];
            for (int d = 1; d < s.length; d++) off[d] = d == dim ? at : (size[d] - s[d]) / 2;
            at += s[dim];
            offsets[i] = off;
            window(y, i, s).copy(outs[i]);
        }
        return y;
    }

    private Tensor window(Tensor t, int i, int[] s) {
        for (int d = 1; d < s.length; d++) t = t.narrow(d, offsets[i][d], s[d]);
        return t;
    }

    private Tensor grad(Activity gradOutput) {
        Tensor g = gradOutput.toTensor(name() + " gradOutput"), y = (Tensor) output;
        if (!g.sameShape(y)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected the output's shape " + Arrays.toString(y.sizes()));
        return g;
    }

    private Tensor slice(Tensor g, int i) { return window(g, i, ((Tensor) modules.get(i).output()).sizes()); }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor g = grad(gradOutput);
        for (int i = 0; i < modules.size(); i++) accumulate(i, gradInputChild(i, input, slice(g, i)));
        return gradInput;
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor g = grad(gradOutput);
        for (int i = 0; i < modules.size(); i++) accGradChild(i, input, slice(g, i), scale, false);
    }

    @Override public Activity backward(Activity input, Activity gradOutput, double scale) {
        requireForward("backward");
        Tensor g = grad(gradOutput);
        for (int i = 0; i < modules.size(); i++) accumulate(i, backwardChild(i, input, slice(g, i), scale));
        return gradInput;
    }

    private void accumulate(int i, Activity childGrad) {
        if (i == 0) gradInput = Activities.copyInto(gradInput, childGrad);
        else Activities.addInto(name(), gradInput, childGrad);
    }

    @Override protected void clearOwnState() { offsets = null; }

    @Override public String name() { return "DepthConcat(" + dim + ")"; }
}
