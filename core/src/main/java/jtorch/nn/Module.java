package jtorch.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * A network building block with Torch7's contract.
 * <ul>
 *   <li>{@link #forward}(input) → output: calls {@link #updateOutput}; the output buffer is reused between calls.</li>
 *   <li>{@link #backward}(input, gradOutput[, scale]) → gradInput: calls {@link #updateGradInput}, then
 *       {@link #accGradParameters} which <em>adds</em> scale · ∂loss/∂θ to the gradient tensors.</li>
 *   <li>A module declares its own parameters ({@link #addParameter}: a weight and its gradient) and persistent buffers
 *       ({@link #addBuffer}) by name in its constructor. Everything else derives from that: {@link #parameters()},
 *       {@link #getParameters()} (one flat weight and one flat gradient tensor that the modules' tensors become views
 *       of), {@link #namedParameters()}, {@link #stateDict()} / {@link #loadStateDict} by dotted name
 *       ({@code 3.weight}), clones, {@link #to(DType)} and model files.</li>
 * </ul>
 * Dimension 0 of every tensor input is the batch. A module is stateful (buffers): one module object must not run in
 * two threads at once (unsupported; {@link #forward} and {@link #backward} throw when they see a second thread inside
 * the same module); give each thread its own {@link #sharedClone(boolean)} (cheap: weights shared, buffers its own).
 * <p>The methods that return the module itself ({@link #training()}, {@link #evaluate()}, {@link #to(DType)},
 * {@link #sharedClone}, {@link #gradInputNeeded}) are typed by the variable they are assigned to, so
 * {@code Linear l = linear.sharedClone(true)} needs no cast; {@link #clone()} is covariant in each container and layer.
 */
public abstract class Module implements Cloneable {
    protected Activity output;
    protected Activity gradInput;
    protected boolean train = true;
    protected boolean gradInputNeeded = true;
    private Slots slots = new Slots();

    /** Computes the output for {@code input}; returns the (reused) output. */
    public Activity forward(Activity input) {
        Object prev = enter("forward");
        try {
            output = updateOutput(input);
        } finally {
            if (prev == null) OWNER.setRelease(this, null);
        }
        return output;
    }

    /** The thread inside forward/backward (detects one module object used by two threads at once). */
    @SuppressWarnings("unused") private volatile Thread owner;
    private static final java.lang.invoke.VarHandle OWNER;

    static {
        try {
            OWNER = java.lang.invoke.MethodHandles.lookup().findVarHandle(Module.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Marks this thread as the module's user; throws when another thread is inside it. Returns the previous owner. */
    private Object enter(String what) {
        Thread me = Thread.currentThread();
        Object prev = OWNER.compareAndExchange(this, (Thread) null, me);
        if (prev != null && prev != me) throw new IllegalStateException(name() + ": " + what + " called from thread '"
                + me.getName() + "' while thread '" + ((Thread) prev).getName() + "' is inside it. A module keeps its"
                + " buffers between calls, so one object must not run in two threads at once: give each thread its own"
                + " sharedClone(false)");
        return prev;
    }

    /** Gradient w.r.t. the input, and accumulates parameter gradients with scale 1. */
    public Activity backward(Activity input, Activity gradOutput) { return backward(input, gradOutput, 1); }

    /** Gradient w.r.t. the input, and accumulates {@code scale} · parameter gradients. Call after forward(input). */
    public Activity backward(Activity input, Activity gradOutput, double scale) {
        requireForward("backward");
        Object prev = enter("backward");
        try {
            gradInput = updateGradInput(input, gradOutput);
            accGradParameters(input, gradOutput, scale);
        } finally {
            if (prev == null) OWNER.setRelease(this, null);
        }
        return gradInput;
    }

    /**
     * {@link #updateGradInput} kept as this module's {@link #gradInput()}: what a container in any package calls to run
     * a child's input gradient on its own (Torch7's {@code module:updateGradInput}).
     */
    public final Activity computeGradInput(Activity input, Activity gradOutput) {
        requireForward("updateGradInput");
        gradInput = updateGradInput(input, gradOutput);
        return gradInput;
    }

    /** Accumulates parameter gradients without an input gradient (gradInput becomes null): for a network's first layer. */
    public final void accGradParametersOnly(Activity input, Activity gradOutput, double scale) {
        requireForward("accGradParameters");
        accGradParameters(input, gradOutput, scale);
        gradInput = null;
    }

    /** Throws a clear error when no forward has run yet (instead of a NullPointerException deep inside). */
    protected final void requireForward(String what) {
        if (output == null) throw new IllegalStateException(name() + ": " + what + " called before forward (call forward("
                + "input) first, with the same input)");
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

    // ------------------------------------------------------------------ declared parameters and buffers

    /**
     * Declares a parameter {@code name} of the given sizes (zeros, F32) and its gradient (zeros); returns the weight.
     * Call in the constructor, in a fixed order; then initialise it only when {@link #drawInitialWeights()}. When the
     * network is being rebuilt from a file ({@link StoredTensors}), the stored tensor is adopted instead.
     */
    protected final Tensor addParameter(String name, int... sizes) {
        slots.checkNew(name(), name);
        Tensor w = StoredTensors.adopt(name(), "parameter", name, sizes);
        if (w == null) w = Tensor.zeros(sizes);
        slots.names.add(name);
        slots.weights.add(w);
        slots.gradients.add(w.zerosLike());
        return w;
    }

    /** Declares a persistent buffer (saved with the weights, e.g. running statistics); returns the tensor to use. */
    protected final Tensor addBuffer(String name, Tensor initial) {
        slots.checkNew(name(), name);
        Tensor b = StoredTensors.adopt(name(), "buffer", name, initial.sizes());
        if (b != null && b.dtype() == DType.I32 != (initial.dtype() == DType.I32)) throw new IllegalArgumentException(
                "tensor '" + name + "' of " + name() + " is stored as " + b.dtype() + ", expected " + initial.dtype());
        slots.bufferNames.add(name);
        slots.buffers.add(b != null ? b : initial);
        return b != null ? b : initial;
    }

    /** False while the module is rebuilt from stored tensors: constructors then skip random initialisation. */
    protected static boolean drawInitialWeights() { return !StoredTensors.active(); }

    /** This module's own parameter {@code name}. */
    protected final Tensor param(String name) { return slots.weights.get(own(slots.names, name)); }

    /** The gradient of this module's own parameter {@code name}. */
    protected final Tensor grad(String name) { return slots.gradients.get(own(slots.names, name)); }

    /** This module's own buffer {@code name}. */
    protected final Tensor buffer(String name) { return slots.buffers.get(own(slots.bufferNames, name)); }

    /** True when this module or a descendant declares a parameter (no lists built: containers ask it every step). */
    public final boolean hasParameters() {
        if (!slots.names.isEmpty()) return true;
        for (Module c : children()) if (c.hasParameters()) return true;
        return false;
    }

    private int own(List<String> names, String name) {
        int i = slots.index(names, name);
        if (i < 0) throw new IllegalArgumentException(name() + ": no parameter or buffer named '" + name + "'");
        return i;
    }

    /** A parameter by its dotted path from the module it was listed from, with its gradient. */
    public record Parameter(String name, Tensor weight, Tensor gradient) {}

    /** Every parameter of this module and its children, depth first, named by path ({@code 0.weight}, {@code 2.1.bias}). */
    public final List<Parameter> namedParameters() {
        List<Parameter> out = new ArrayList<>();
        walk("", (prefix, m) -> {
            for (int i = 0; i < m.slots.names.size(); i++) out.add(new Parameter(prefix + m.slots.names.get(i),
                    m.slots.weights.get(i), m.slots.gradients.get(i)));
        });
        return out;
    }

    /** Every parameter weight and persistent buffer by path (the live tensors, not copies), in a fixed order. */
    public final LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        walk("", (prefix, m) -> {
            for (int i = 0; i < m.slots.names.size(); i++) out.put(prefix + m.slots.names.get(i), m.slots.weights.get(i));
            for (int i = 0; i < m.slots.bufferNames.size(); i++) out.put(prefix + m.slots.bufferNames.get(i),
                    m.slots.buffers.get(i));
        });
        return out;
    }

    /**
     * Copies {@code state} into this network's parameters and buffers by name (values converted to their dtype), as
     * PyTorch's {@code load_state_dict}: a tensor whose shape differs always throws; with {@code strict}, so does any
     * missing or unexpected name (the error lists them all, and nothing is copied). Returns what was missing and unused.
     */
    public final StateDictResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        return StateDictResult.load(this, state, strict);
    }

    private interface Visitor { void visit(String prefix, Module m); }

    private void walk(String prefix, Visitor v) {
        v.visit(prefix, this);
        List<Module> ch = children();
        for (int i = 0; i < ch.size(); i++) ch.get(i).walk(prefix + i + ".", v);
    }

    /** All (weight, gradient) pairs of this module and its children, depth first (a shared tensor once per holder). */
    public Parameters parameters() {
        List<Tensor> w = new ArrayList<>(), g = new ArrayList<>();
        walk("", (prefix, m) -> { w.addAll(m.slots.weights); g.addAll(m.slots.gradients); });
        return new Parameters(w, g);
    }

    /** Weights and their gradients, in matching order. */
    public record Parameters(List<Tensor> weights, List<Tensor> gradients) {}

    /** One flat weight tensor and one flat gradient tensor; see {@link FlatParameters#of}. */
    public FlatParameters getParameters() { return FlatParameters.of(this); }

    /** Sets every gradient to zero. */
    public void zeroGradParameters() { for (Tensor g : parameters().gradients()) g.fillInPlace(0); }

    /** weight -= lr · gradient, for every parameter. */
    public void updateParameters(double learningRate) {
        Parameters p = parameters();
        for (int i = 0; i < p.weights().size(); i++) p.weights().get(i).addInPlace(-learningRate, p.gradients().get(i));
    }

    /** Frees buffers (outputs, gradients w.r.t. inputs, scratch) so a clone does not share them. Override to add more. */
    public Module clearState() {
        output = null;
        gradInput = null;
        clearOwnState();
        for (Module c : children()) c.clearState();
        return this;
    }

    /**
     * Converts every floating-point parameter and buffer to {@code dtype} (Torch7's {@code :double()} /
     * {@code :float()}) in place, keeping the tensor objects (so shared clones stay shared), and frees buffers.
     */
    @SuppressWarnings("unchecked")
    public <M extends Module> M to(DType dtype) {
        walk("", (prefix, m) -> m.slots.to(dtype));
        clearState();
        return (M) this;
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
    @SuppressWarnings("unchecked")
    public <M extends Module> M gradInputNeeded(boolean needed) { gradInputNeeded = needed; return (M) this; }

    public boolean isGradInputNeeded() { return gradInputNeeded; }

    /** Training mode (Dropout active, BatchNorm uses batch statistics); the default. */
    @SuppressWarnings("unchecked")
    public <M extends Module> M training() { walk("", (p, m) -> m.train = true); return (M) this; }

    /** Evaluation mode. */
    @SuppressWarnings("unchecked")
    public <M extends Module> M evaluate() { walk("", (p, m) -> m.train = false); return (M) this; }

    public boolean isTraining() { return train; }

    /** A deep copy: its own parameters and buffers (copied), no activations. */
    @Override public Module clone() { return relinked(copy(false, false)); }

    /**
     * A copy that shares this module's weight tensors (and, when {@code shareGradients}, gradient tensors) and has its
     * own activations and copies of the persistent buffers: Torch7's {@code clone('weight', 'bias', ...)}. Use one per thread
     * for concurrent inference, or shared time steps of a recurrent net. Later {@link #getParameters()} calls keep the
     * sharing.
     */
    @SuppressWarnings("unchecked")
    public <M extends Module> M sharedClone(boolean shareGradients) { return (M) relinked(copy(true, shareGradients)); }

    /** Lets every module of a fresh copy {@link #relink} its references into the copied tree. */
    private Module relinked(Module copy) {
        java.util.IdentityHashMap<Module, Module> map = new java.util.IdentityHashMap<>();
        pair(this, copy, map);
        for (Module c : map.values()) c.relink(map);
        return copy;
    }

    private static void pair(Module original, Module copy, java.util.Map<Module, Module> map) {
        map.put(original, copy);
        List<Module> a = original.children(), b = copy.children();
        for (int i = 0; i < a.size(); i++) pair(a.get(i), b.get(i), map);
    }

    /**
     * Called on each module of a clone after the whole tree was copied: a module that refers to another module of the
     * tree (not as a child, e.g. {@code SpatialMaxUnpooling} to its pooling) replaces the reference by the copy found
     * in {@code originalToCopy}, so the clone does not read the original's state. Default: nothing.
     */
    protected void relink(java.util.Map<Module, Module> originalToCopy) {}

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
        m.slots = slots.copy(shareWeights, shareGradients);
        m.copyChildren(shareWeights, shareGradients);
        return m;
    }

    /** Nulls this module's own scratch buffers on a fresh shallow clone. Modules with extra buffers override. */
    protected void clearOwnState() {}

    /** Containers replace their children by copies. */
    protected void copyChildren(boolean shareWeights, boolean shareGradients) {}

    /** Torch7-style type name, e.g. {@code Linear(784 -> 10)}. */
    public String name() { return getClass().getSimpleName(); }

    @Override public String toString() { return "nn." + name(); }
}
