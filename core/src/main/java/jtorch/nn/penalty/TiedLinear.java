package jtorch.nn.penalty;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.nn.layer.Linear;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * A decoder layer with tied weights: y = x · W + c, where W [H, D] is the weight of an encoder ({@link Linear} or
 * {@link ContractiveEncoder}, mapping D → H) and c [D] this module's own {@code bias} (zeros; optional). Input [B, H],
 * output [B, D]. Backward: ∂L/∂x = g · Wᵀ; the weight gradient scale · xᵀ · g is added to the encoder's
 * {@code gradWeight} (the encoder's own backward adds its part), ∂L/∂c += scale · Σ_b g.
 * <p>W is not a parameter of this module, so {@link #parameters()} and {@code getParameters()} count it once (as the
 * encoder's). Put the encoder and this decoder in a {@link TiedAutoEncoder} to save the tie in a model file (saving a
 * tied TiedLinear outside one throws); clones of a tree holding both are tied to each other. Built unlinked (by a model
 * file), forward throws until {@link #link}.
 */
public class TiedLinear extends Module implements TensorModule {
    public static final ModuleType<TiedLinear> TYPE = ModuleType.of("TiedLinear", TiedLinear.class, TiedLinear::args,
            a -> new TiedLinear(a.integer("inputSize"), a.integer("outputSize"), a.bool("bias")));

    private final int inputSize, outputSize;
    private final boolean withBias;
    private Module encoder; // a Linear or ContractiveEncoder [outputSize -> inputSize]
    TiedAutoEncoder owner;  // the container that saves the tie, or null
    private Tensor ones;

    /** Decodes with the transpose of {@code encoder}'s weight, with a bias. */
    public TiedLinear(Linear encoder) { this(encoder, true); }

    public TiedLinear(Linear encoder, boolean bias) { this(encoder.outputSize(), encoder.inputSize(), bias); link(encoder); }

    /** Decodes with the transpose of a contractive encoder's weight, with a bias. */
    public TiedLinear(ContractiveEncoder encoder) { this(encoder.outputSize(), encoder.inputSize(), true); link(encoder); }

    /** An unlinked decoder [B, inputSize] → [B, outputSize]; {@link #link} it before use. */
    public TiedLinear(int inputSize, int outputSize, boolean bias) {
        if (inputSize < 1 || outputSize < 1) throw new IllegalArgumentException("TiedLinear: sizes must be positive, got "
                + inputSize + " -> " + outputSize);
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.withBias = bias;
        if (bias) addParameter("bias", outputSize);
    }

    private static java.util.Map<String, Object> args(TiedLinear m) {
        if (m.encoder != null && m.owner == null) throw new UnsupportedOperationException(m.name() + " is tied to "
                + m.encoder.name() + ", but only a TiedAutoEncoder holding both can save the tie: build the network as"
                + " new TiedAutoEncoder(encoder, decoder)");
        return ModuleArgs.of("inputSize", m.inputSize, "outputSize", m.outputSize, "bias", m.withBias);
    }

    /** Ties this decoder to {@code encoder} (a Linear or ContractiveEncoder of sizes outputSize → inputSize). */
    public TiedLinear link(Module encoder) {
        int in, out;
        switch (encoder) {
            case Linear l -> { in = l.inputSize(); out = l.outputSize(); }
            case ContractiveEncoder c -> { in = c.inputSize(); out = c.outputSize(); }
            case null -> throw new IllegalArgumentException(name() + ".link: null encoder");
            default -> throw new IllegalArgumentException(name() + ".link: can tie to a Linear or a ContractiveEncoder,"
                    + " not " + encoder.name());
        }
        if (in != outputSize || out != inputSize) throw new IllegalArgumentException(name() + ".link: the encoder "
                + encoder.name() + " maps " + in + " -> " + out + ", this decoder needs " + outputSize + " -> " + inputSize);
        this.encoder = encoder;
        return this;
    }

    /** The encoder whose weight is used, or null when unlinked. */
    public Module encoder() { return encoder; }

    public int inputSize() { return inputSize; }

    public int outputSize() { return outputSize; }

    /** c [D], or null without bias. */
    public Tensor bias() { return withBias ? param("bias") : null; }

    public Tensor gradBias() { return withBias ? grad("bias") : null; }

    /** The tied weight W [H, D] (the encoder's tensor). */
    public Tensor weight() {
        return switch (encoder) {
            case Linear l -> l.weight();
            case ContractiveEncoder c -> c.weight();
            case null -> throw new IllegalStateException(name() + ": not tied to an encoder (call link, or load the"
                    + " network as a TiedAutoEncoder)");
            default -> throw new AssertionError(encoder);
        };
    }

    /** The encoder's weight gradient, which this module adds to. */
    public Tensor gradWeight() {
        weight();
        return encoder instanceof Linear l ? l.gradWeight() : ((ContractiveEncoder) encoder).gradWeight();
    }

    @Override public TiedLinear clone() { return (TiedLinear) super.clone(); }

    private Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 2 || x.size(1) != inputSize) throw new IllegalArgumentException(name() + ": expected input [B, "
                + inputSize + "], got " + x.shape());
        return x;
    }

    private Tensor gradOut(Activity gradOutput, int batch) {
        Tensor g = gradOutput.toTensor(name());
        if (g.dim() != 2 || g.size(0) != batch || g.size(1) != outputSize) throw new IllegalArgumentException(name()
                + ": expected gradOutput [" + batch + ", " + outputSize + "], got " + g.shape());
        return g;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input), w = weight();
        Tensor y = reuse(output, w, x.size(0), outputSize).addmmInPlace(0, 1, x, w);
        if (withBias) y.addInPlace(bias());
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), g = gradOut(gradOutput, x.size(0));
        return reuse(gradInput, x, x.size(0), inputSize).addmmInPlace(0, 1, g, weight().t());
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor x = in(input), g = gradOut(gradOutput, x.size(0));
        gradWeight().addmmInPlace(1, scale, x.t(), g);
        if (withBias) {
            if (ones == null || ones.size(0) != x.size(0) || ones.dtype() != x.dtype()) ones = x.newZeros(x.size(0)).fillInPlace(1);
            gradBias().addmvInPlace(1, scale, g.t(), ones);
        }
    }

    @Override protected void relink(java.util.Map<Module, Module> originalToCopy) {
        Module e = originalToCopy.get(encoder);
        if (e != null) encoder = e;
        owner = (TiedAutoEncoder) originalToCopy.get(owner); // null when the owner was not copied along
    }

    @Override protected void clearOwnState() { ones = null; }

    @Override public String name() {
        return "TiedLinear(" + inputSize + " -> " + outputSize + (withBias ? "" : ", without bias") + ")";
    }
}
