package jtorch.nn.pool;

import java.util.Arrays;
import jtorch.nn.Module;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * The partial inverse of a {@link SpatialMaxPooling}, Torch7's {@code nn.SpatialMaxUnpooling(poolingModule)}: input
 * [B, C, oH, oW] (the pooling's output shape), output [B, C, H, W] (the pooling's last input shape), zero except
 * y[argmax of window w] = x[w], using the argmax indices of the pooling module's last forward (so run the pooling
 * first, as in an encoder–decoder). Where overlapping windows share an argmax the values add (Torch7 keeps one).
 * Backward: ∂L/∂x[w] = ∂L/∂y[argmax of w].
 * <p>A clone of a tree holding both modules links the copies to each other; a clone of the unpooling alone keeps the
 * original pooling. The link is not part of a model file: a loaded unpooling is unlinked until {@link #link} is
 * called, and forward says so.
 */
public class SpatialMaxUnpooling extends Module implements TensorModule {
    public static final ModuleType<SpatialMaxUnpooling> TYPE = ModuleType.of("SpatialMaxUnpooling",
            SpatialMaxUnpooling.class, () -> new SpatialMaxUnpooling(null));
    private SpatialMaxPooling pooling;

    /** Unpools with the indices of {@code pooling} (null: link later with {@link #link}). */
    public SpatialMaxUnpooling(SpatialMaxPooling pooling) { this.pooling = pooling; }

    /** Links the pooling module whose indices are used; returns this. */
    public SpatialMaxUnpooling link(SpatialMaxPooling pooling) { this.pooling = pooling; return this; }

    public SpatialMaxPooling pooling() { return pooling; }

    /** The pooling's indices as [B, C, oH·oW], after checking x against them. */
    private Tensor indices(Tensor x) {
        if (pooling == null) throw new IllegalStateException(name() + ": not linked to a SpatialMaxPooling (call link)");
        Tensor idx = pooling.indices();
        if (idx == null) throw new IllegalStateException(name() + ": " + pooling.name() + " has not run forward yet");
        if (!x.sameShape(idx)) throw new IllegalArgumentException(name() + ": expected input " + idx.shape()
                + " (the last output shape of " + pooling.name() + "), got " + x.shape());
        return idx.reshape(idx.size(0), idx.size(1), idx.size(2) * idx.size(3));
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name()), idx = indices(x);
        int[] s = pooling.lastInputSizes();
        Tensor y = reuse(output, x, s).fillInPlace(0);
        y.view(s[0], s[1], s[2] * s[3]).scatterAddInPlace(2, idx, x.reshape(idx.sizes()));
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name()), idx = indices(x), y = (Tensor) output;
        Tensor g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(y)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected the output's shape " + Arrays.toString(y.sizes()));
        Tensor gi = g.reshape(g.size(0), g.size(1), g.size(2) * g.size(3)).gather(2, idx);
        return reuse(gradInput, x, x.sizes()).copy(gi.view(x.sizes()));
    }

    @Override protected void relink(java.util.Map<Module, Module> originalToCopy) {
        Module copy = originalToCopy.get(pooling);
        if (copy != null) pooling = (SpatialMaxPooling) copy;
    }

    @Override public SpatialMaxUnpooling clone() { return (SpatialMaxUnpooling) super.clone(); }

    @Override public String name() {
        return "SpatialMaxUnpooling" + (pooling == null ? "" : " associated to nn." + pooling.name());
    }
}
