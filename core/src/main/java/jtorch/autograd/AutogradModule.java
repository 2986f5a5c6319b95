package jtorch.autograd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Autograd code with its parameters as a {@link Module}: it goes into {@code Sequential}, {@code getParameters()},
 * the optimizers, the {@code Trainer} and model files like any module. Subclass it: declare parameters with
 * {@link #addParameter} (and child modules used through {@link Autograd#call} with {@link #addModule}, reached with
 * {@link #module(int)}, not fields, so that clones use their own) in the constructor, and write y = f(θ, x) in
 * {@link #compute(Params, Var)} with the parameters as vars ({@code p.get("weight")}).
 * <ul>
 *   <li>forward runs f with fresh leaves for the parameters and the input (the input requires grad when
 *       {@link #isGradInputNeeded()}), and keeps the graph until the next forward;</li>
 *   <li>updateGradInput runs the reverse pass from gradOutput: ∂L/∂x, and ∂L/∂θ kept aside;</li>
 *   <li>accGradParameters adds scale · ∂L/∂θ into the parameter gradients (and lets the child modules accumulate
 *       theirs with the same scale), running the reverse pass first if updateGradInput did not;</li>
 *   <li>backward (both with one scale) adds scale · ∂L/∂θ into the parameter gradients during the pass itself.</li>
 * </ul>
 * <b>Saving.</b> A subclass declares its {@code ModuleType} as any module does (its constructor arguments) and is
 * registered with {@code ModuleRegistry.register}: the model file holds the type name, the arguments and the
 * parameters; the code is the class, which the loading program must have (and register) under the same name. The
 * lambda form {@link #of} has no type and cannot be saved as a model; its {@code stateDict()} can.
 */
public abstract class AutogradModule extends Module implements jtorch.nn.TensorModule {
    private List<Module> children = new ArrayList<>();
    private Params leaves;
    private Var[] inputLeaves;
    private Var out;
    private Activity gradFor;
    private List<ModuleCall.Deferred> deferred;
    /** Inside {@link #backward}: the scale of its parameter gradients. */
    private double passScale;
    private boolean inBackward, sunk;

    /** y for a tensor input. */
    protected abstract Var compute(Params p, Var input);

    /** y for a table input (each entry a var); by default a table input is refused. */
    protected Var compute(Params p, List<Var> inputs) {
        throw new IllegalArgumentException(name() + ": expected a tensor input, got a table of " + inputs.size()
                + " entries (override compute(Params, List<Var>) to take tables)");
    }

    /** Adds a child module (its parameters become this module's, named {@code i.weight}); returns it. */
    protected final <M extends Module> M addModule(M m) {
        if (m == null) throw new IllegalArgumentException(name() + ".addModule: null module");
        children.add(m);
        return m;
    }

    /** Child module i. */
    protected final Module module(int i) { return children.get(i); }

    @Override public List<Module> children() { return java.util.Collections.unmodifiableList(children); }

    @Override public Activity updateOutput(Activity input) {
        if (out != null) Engine.free(out);
        out = null;
        gradFor = null;
        deferred = null;
        Map<String, Tensor> own = new LinkedHashMap<>();
        for (Parameter p : namedParameters()) if (!p.name().contains(".")) own.put(p.name(), p.weight());
        leaves = Params.of(own);
        for (Var v : leaves.asMap().values()) v.borrowGrad = true;
        Var y;
        if (input instanceof Tensor t) {
            inputLeaves = new Var[] {gradInputNeeded ? Var.param(t) : Var.of(t)};
            y = compute(leaves, inputLeaves[0]);
        } else {
            Tensor[] ts = ModuleCall.tensors(this, input, "input");
            inputLeaves = new Var[ts.length];
            for (int i = 0; i < ts.length; i++) inputLeaves[i] = gradInputNeeded ? Var.param(ts[i]) : Var.of(ts[i]);
            y = compute(leaves, List.of(inputLeaves));
        }
        if (y == null) throw new IllegalStateException(name() + ": compute returned null");
        out = y;
        return y.value;
    }

    /**
     * updateGradInput and accGradParameters with the same scale in one reverse pass: the parameter gradients are added
     * into the module's gradients as the pass produces them (no temporary gradient tensors).
     */
    @Override public Activity backward(Activity input, Activity gradOutput, double scale) {
        passScale = scale;
        inBackward = true;
        try {
            return super.backward(input, gradOutput, scale);
        } finally {
            inBackward = false;
        }
    }

    /**
     * Runs the reverse pass from {@code gradOutput}. With {@code sink} (the scale is known: inside backward, or
     * accGradParameters without a prior updateGradInput) the parameter gradients are added into the module's
     * gradients times {@code scale} during the pass; otherwise they are kept for accGradParameters.
     */
    private void reverse(Activity gradOutput, boolean sink, double scale) {
        Tensor g = gradOutput.toTensor(name() + " gradOutput");
        for (Map.Entry<String, Var> e : leaves.asMap().entrySet()) {
            Var v = e.getValue();
            v.zeroGrad();
            v.sink = sink ? grad(e.getKey()) : null;
            v.sinkScale = scale;
        }
        sunk = sink;
        for (Var v : inputLeaves) v.zeroGrad();
        List<ModuleCall.Deferred> acc = new ArrayList<>();
        if (out.requiresGrad()) ModuleCall.deferring(acc, () -> out.backward(g, true));
        deferred = acc;
        gradFor = gradOutput;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        reverse(gradOutput, inBackward, passScale);
        if (!gradInputNeeded) return null;
        Tensor[] gs = new Tensor[inputLeaves.length];
        for (int i = 0; i < gs.length; i++) {
            Tensor gi = inputLeaves[i].grad();
            gs[i] = gi != null ? gi : inputLeaves[i].value.zerosLike();
        }
        return input instanceof Tensor ? gs[0] : Table.of(gs);
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        if (gradFor != gradOutput) reverse(gradOutput, true, scale);
        if (!sunk) {
            for (Map.Entry<String, Var> e : leaves.asMap().entrySet()) {
                Tensor g = e.getValue().grad();
                if (g != null) grad(e.getKey()).addInPlace(scale, g);
            }
        }
        for (ModuleCall.Deferred d : deferred) d.run(scale);
        gradFor = null;
    }

    /** Drops the graph (not freed: on a fresh clone these fields are still the original's). */
    @Override protected void clearOwnState() {
        leaves = null;
        inputLeaves = null;
        out = null;
        gradFor = null;
        deferred = null;
    }

    @Override protected void copyChildren(boolean shareWeights, boolean shareGradients) {
        List<Module> copies = new ArrayList<>(children.size());
        for (Module m : children) copies.add(shareWeights ? m.sharedClone(shareGradients) : m.clone());
        children = copies;
    }

    @Override public AutogradModule clone() { return (AutogradModule) super.clone(); }

    /** The body of a lambda-form module: y = f(θ, x). */
    @FunctionalInterface
    public interface Body { Var apply(Params p, Var input); }

    /**
     * Autograd code as a module without writing a class: parameters {@code name → initial value} (copied), body f.
     * It has no ModuleType, so it cannot be saved as a model file (its weights can, via stateDict).
     */
    public static AutogradModule of(String name, Map<String, Tensor> parameters, Body body) {
        return new Lambda(name, parameters, body);
    }

    private static final class Lambda extends AutogradModule {
        private final String label;
        private final Body body;

        Lambda(String label, Map<String, Tensor> parameters, Body body) {
            if (body == null) throw new IllegalArgumentException("AutogradModule.of(" + label + "): null body");
            this.label = label;
            this.body = body;
            for (Map.Entry<String, Tensor> e : parameters.entrySet()) addParameter(e.getKey(), e.getValue().sizes())
                    .copy(e.getValue());
        }

        @Override protected Var compute(Params p, Var input) { return body.apply(p, input); }

        @Override public String name() { return label; }
    }
}
