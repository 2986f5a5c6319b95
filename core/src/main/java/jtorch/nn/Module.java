package jtorch.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * A network building block with Torch7's contract.
 * <ul>
 *   <li>{@link #forward}(input) → output: calls {@link #updateOutput}; the output buffer is reused between calls.</li>
 *   <li>{@link #backward}(input, gradOutput[, scale]) → gradInput: calls {@link #updateGradInput}, then
 *       {@link #accGradParameters} which <em>adds</em> scale · ∂loss/∂θ to the gradient tensors.</li>
 *   <li>Parameters are (weight, gradient) tensor pairs; {@link #getParameters()} packs every parameter of a network
 *       into one flat weight and one flat gradient tensor that the modules' tensors become views of.</li>
 * </ul>
 * Dimension 0 of every tensor input is the batch. A module is stateful (buffers), so use one
 * {@link #sharedClone(boolean)} per thread for concurrent inference.
 */
public abstract class Module implements Cloneable {
    protected Activity output;
    protected Activity gradInput;
    protected boolean train = true;
    protected boolean gradInputNeeded = true;

    /** Computes the output for {@code input}; returns the (reused) output. */
    public Activity forward(Activity input) {
        output = updateOutput(input);
        return output;
    }

    /** {@link #forward(Activity)} for a tensor in and a tensor out. */
    public Tensor forward(Tensor input) { return forward((Activity) input).toTensor(name() + ".forward output"); }

    /** Gradient w.r.t. the input, and accumulates parameter gradients with scale 1. */
    public Activity backward(Activity input, Activity gradOutput) { return backward(input, gradOutput, 1); }

    /** {@link #backward(Activity, Activity)} for tensors; null when {@link #gradInputNeeded(boolean)} is off. */
    public Tensor backward(Tensor input, Tensor gradOutput) {
        Activity g = backward((Activity) input, gradOutput, 1);
        return g == null ? null : g.toTensor(name() + ".backward gradInput");
    }

    /** Gradient w.r.t. the input, and accumulates {@code scale} · parameter gradients. Call after forward(input). */
    public Activity backward(Activity input, Activity gradOutput, double scale) {
        gradInput = updateGradInput(input, gradOutput);
        accGradParameters(input, gradOutput, scale);
        return gradInput;
    }

    /** The output for {@code input}. */
    public abstract Activity updateOutput(Activity input);

    /** ∂loss/∂input given ∂loss/∂output; called after updateOutput on the same input. */
    public abstract Activity updateGradInput(Activity input, Activity gradOutput);

    /** gradParameters += scale · ∂loss/∂parameters. Default: no parameters. */
    public void accGradParameters(Activity input, Activity gradOutput, double scale) {}

    public Activity output() { return output; }

    public Activity gradInput() { return gradInput; }

    /** Child modules (containers override). */
    public List<Module> children() { return List.of(); }

    /**
     * Visits this module's own (not its children's) parameters in a fixed order of pairs: weight, its gradient, bias,
     * its gradient, ... and stores back what {@code f} returns. Modules with parameters override this.
     */
    protected void mapParameters(UnaryOperator<Tensor> f) {}

    /** Frees buffers (outputs, gradients w.r.t. inputs, scratch) so a clone does not share them. Override to add more. */
    public Module clearState() {
        output = null;
        gradInput = null;
        clearOwnState();
        for (Module c : children()) c.clearState();
        return this;
    }

    /** All (weight, gradient) pairs of this module and its children, depth first. */
    public Parameters parameters() {
        List<Tensor> w = new ArrayList<>(), g = new ArrayList<>();
        collect(w, g);
        return new Parameters(w, g);
    }

    /** Weights and their gradients, in matching order. */
    public record Parameters(List<Tensor> weights, List<Tensor> gradients) {}

    private void collect(List<Tensor> w, List<Tensor> g) {
        int[] k = {0};
        mapParameters(t -> { (k[0]++ % 2 == 0 ? w : g).add(t); return t; });
        for (Module c : children()) c.collect(w, g);
    }

    /** One flat weight tensor and one flat gradient tensor; see {@link FlatParameters#of}. */
    public FlatParameters getParameters() { return FlatParameters.of(this); }

    /** Sets every gradient to zero. */
    public void zeroGradParameters() { for (Tensor g : parameters().gradients()) g.fillInPlace(0); }

    /** weight -= lr · gradient, for every parameter. */
    public void updateParameters(double learningRate) {
        Parameters p = parameters();
        for (int i = 0; i < p.weights().size(); i++) p.weights().get(i).addInPlace(-learningRate, p.gradients().get(i));
    }

    /** Converts every parameter to {@code dtype} (Torch7's {@code :double()} / {@code :float()}) and frees buffers. */
    public Module to(DType dtype) {
        mapParameters(t -> t.to(dtype));
        for (Module c : children()) c.to(dtype);
        clearState();
        return this;
    }

    /**
     * Returns {@code buf} when it is a tensor of the given sizes and like's dtype and back end; otherwise a new zero
     * tensor. Modules keep their outputs and scratch in such buffers so that steady-state steps allocate nothing.
     */
    protected static Tensor reuse(Activity buf, Tensor like, int... sizes) {
        if (buf instanceof Tensor t && t.dtype() == like.dtype() && t.backend() == like.backend()
                && java.util.Arrays.equals(t.sizes(), sizes)) return t;
        return like.newZeros(sizes);
    }

    /**
     * Whether {@link #backward} must compute ∂L/∂input (default true). The input of a whole network rarely needs it:
     * switched off on a {@link Sequential}, backward skips the input gradients of its leading layers (as PyTorch does
     * for an input that does not require grad) and {@link #gradInput()} is null afterwards. Parameter gradients are
     * unchanged.
     */
    public Module gradInputNeeded(boolean needed) { gradInputNeeded = needed; return this; }

    public boolean isGradInputNeeded() { return gradInputNeeded; }

    /** Training mode (Dropout active, BatchNorm uses batch statistics); the default. */
    public Module training() { train = true; for (Module c : children()) c.training(); return this; }

    /** Evaluation mode. */
    public Module evaluate() { train = false; for (Module c : children()) c.evaluate(); return this; }

    public boolean isTraining() { return train; }

    /** A deep copy: its own parameters (copied) and no buffers. */
    @Override public Module clone() { return copy(false, false); }

    /**
     * A copy that shares this module's weight tensors (and, when {@code shareGradients}, gradient tensors) and has its
     * own buffers: Torch7's {@code clone('weight', 'bias', ...)}. Use one per thread for concurrent inference, or shared
     * time steps of a recurrent net. Later {@link #getParameters()} calls keep the sharing.
     */
    public Module sharedClone(boolean shareGradients) { return copy(true, shareGradients); }

    /** Shallow-clones, frees buffers, then copies or shares parameters; containers also copy their children. */
    protected Module copy(boolean shareWeights, boolean shareGradients) {
        Module m;
        try {
            m = (Module) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
        m.output = null;
        m.gradInput = null;
        m.clearOwnState();
        int[] k = {0};
        m.mapParameters(t -> (k[0]++ % 2 == 0 ? shareWeights : shareGradients) ? t : t.clone());
        m.copyChildren(shareWeights, shareGradients);
        return m;
    }

    /** Nulls this module's own scratch buffers on a fresh shallow clone. Modules with extra buffers override. */
    protected void clearOwnState() {}

    /** Containers replace their children by copies. */
    protected void copyChildren(boolean shareWeights, boolean shareGradients) {}

    /** Torch7-style type name, e.g. {@code nn.Linear(784 -> 10)}. */
    public String name() { return getClass().getSimpleName(); }

    @Override public String toString() { return "nn." + name(); }
}
