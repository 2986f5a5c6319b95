package jtorch.nn.penalty;

import jtorch.backend.UnaryOp;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The encoder layer of a contractive auto-encoder (Rifai, Vincent, Muller, Glorot and Bengio 2011): h = sigmoid(x · Wᵀ
 * + b), input [B, D], output [B, H], parameters {@code weight} W [H, D] and {@code bias} b [H] (initialised as
 * {@link jtorch.nn.layer.Linear}), with the contractive penalty of its Jacobian J_b = ∂h_b/∂x_b = diag(a_b) · W,
 * a = h ⊙ (1 − h):
 * <pre>
 *   P = λ · c · Σ_b ‖J_b‖²_F = λ · c · Σ_b Σ_j a_bj² · s_j,   s_j = Σ_i W_ji²,   c = 1/B with sizeAverage, else 1
 * </pre>
 * recorded by forward ({@link #loss()}). Backward adds P's exact gradient: with r_bj = a_bj² (1 − 2 h_bj) s_j,
 * q_j = Σ_b a_bj² and the pre-activation gradient u = g ⊙ a + 2λc · r [B, H]:
 * ∂L/∂x = u · W, ∂L/∂W += scale · (uᵀ · x + 2λc · diag(q) · W), ∂L/∂b += scale · Σ_b u.
 * A {@link Penalty}; a {@link TiedLinear} can decode with Wᵀ.
 */
public class ContractiveEncoder extends Module implements TensorModule, Penalty {
    public static final ModuleType<ContractiveEncoder> TYPE = ModuleType.of("ContractiveEncoder", ContractiveEncoder.class,
            m -> ModuleArgs.of("inputSize", m.inputSize, "outputSize", m.outputSize, "lambda", m.lambda,
                    "sizeAverage", m.sizeAverage),
            a -> new ContractiveEncoder(a.integer("inputSize"), a.integer("outputSize"), a.number("lambda"),
                    a.bool("sizeAverage")));

    private final int inputSize, outputSize;
    private final double lambda;
    private final boolean sizeAverage;
    private double loss;
    private Tensor a2, norms, u, ones; // a² [B, H], s [1, H] of the last forward, ∂L/∂(xWᵀ + b) [B, H], [B] ones

    /** A contractive encoder with sizeAverage (the penalty is the batch mean of ‖J‖²_F times lambda). */
    public ContractiveEncoder(int inputSize, int outputSize, double lambda) { this(inputSize, outputSize, lambda, true); }

    public ContractiveEncoder(int inputSize, int outputSize, double lambda, boolean sizeAverage) {
        if (inputSize < 1 || outputSize < 1) throw new IllegalArgumentException("ContractiveEncoder: sizes must be "
                + "positive, got " + inputSize + " -> " + outputSize);
        if (!(lambda >= 0) || !Double.isFinite(lambda)) throw new IllegalArgumentException(
                "ContractiveEncoder: lambda must be finite and >= 0, got " + lambda);
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.lambda = lambda;
        this.sizeAverage = sizeAverage;
        addParameter("weight", outputSize, inputSize);
        addParameter("bias", outputSize);
        if (drawInitialWeights()) reset(Generator.global());
    }

    /** Re-draws W, b ~ U(-1/√D, 1/√D) in place. */
    public ContractiveEncoder reset(Generator g) {
        double stdv = 1 / Math.sqrt(inputSize);
        weight().copy(Tensor.rand(g, outputSize, inputSize).mulInPlace(2 * stdv).subInPlace(stdv));
        bias().copy(Tensor.rand(g, outputSize).mulInPlace(2 * stdv).subInPlace(stdv));
        return this;
    }

    public int inputSize() { return inputSize; }

    public int outputSize() { return outputSize; }

    public double lambda() { return lambda; }

    public boolean sizeAverage() { return sizeAverage; }

    /** W [H, D]. */
    public Tensor weight() { return param("weight"); }

    public Tensor gradWeight() { return grad("weight"); }

    /** b [H]. */
    public Tensor bias() { return param("bias"); }

    public Tensor gradBias() { return grad("bias"); }

    @Override public double loss() { return loss; }

    @Override public ContractiveEncoder clone() { return (ContractiveEncoder) super.clone(); }

    private Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 2 || x.size(1) != inputSize) throw new IllegalArgumentException(name() + ": expected input [B, "
                + inputSize + "], got " + x.shape());
        return x;
    }

    private double c(int batch) { return sizeAverage ? 1.0 / batch : 1; }

    /** s_j = Σ_i W_ji², as [1, H]. */
    private Tensor rowNorms() { return weight().square().sum(1, false).view(1, outputSize); }

    /** s of the last forward (backward runs with the weights that forward saw). */
    private Tensor norms() {
        if (norms == null) throw new IllegalStateException(name() + ": backward needs a forward first");
        return norms;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input), w = weight();
        Tensor h = reuse(output, w, x.size(0), outputSize);
        h.addmmInPlace(0, 1, x, w.t()).addInPlace(bias()).applyInPlace(UnaryOp.SIGMOID, 0, 0);
        a2 = h.apply(UnaryOp.RSUB, 1, 0, reuse(a2, h, h.sizes())).mulInPlace(h).applyInPlace(UnaryOp.SQUARE, 0, 0);
        norms = rowNorms();
        loss = lambda * c(x.size(0)) * a2.mul(norms).sum();
        return h;
    }

    /** u = g ⊙ h(1 − h) + 2λc · a² ⊙ (1 − 2h) ⊙ s, into the u buffer. */
    private Tensor preActivationGrad(Tensor x, Activity gradOutput) {
        Tensor h = (Tensor) output, g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(h)) throw new IllegalArgumentException(name() + ": expected gradOutput " + h.shape() + ", got "
                + g.shape());
        u = h.apply(UnaryOp.RSUB, 1, 0, reuse(u, h, h.sizes())).mulInPlace(h).mulInPlace(g);
        if (lambda != 0) {
            Tensor r = h.apply(UnaryOp.MUL, -2, 0).addInPlace(1).mulInPlace(a2).mulInPlace(norms());
            u.addInPlace(2 * lambda * c(x.size(0)), r);
        }
        return u;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input);
        return reuse(gradInput, x, x.sizes()).addmmInPlace(0, 1, preActivationGrad(x, gradOutput), weight());
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor x = in(input), g = preActivationGrad(x, gradOutput);
        gradWeight().addmmInPlace(1, scale, g.t(), x);
        if (ones == null || ones.size(0) != x.size(0) || ones.dtype() != x.dtype()) ones = x.newZeros(x.size(0)).fillInPlace(1);
        gradBias().addmvInPlace(1, scale, g.t(), ones);
        if (lambda != 0) {
            Tensor q = a2.sum(0, false).view(outputSize, 1);
            gradWeight().addInPlace(scale * 2 * lambda * c(x.size(0)), weight().mul(q));
        }
    }

    @Override protected void clearOwnState() { a2 = null; norms = null; u = null; ones = null; }

    @Override public String name() {
        return "ContractiveEncoder(" + inputSize + " -> " + outputSize + ", lambda " + lambda
                + (sizeAverage ? "" : ", summed") + ")";
    }
}
