package jtorch.nn.distance;

import jtorch.backend.BinaryOp;
import jtorch.backend.ReduceOp;
import jtorch.backend.UnaryOp;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Distances to learned templates (Torch7's {@code nn.Euclidean(inputSize, outputSize)}): y[b, j] = ‖x_b - w_j‖₂.
 * Input [B, inputSize], output [B, outputSize]; weight W [outputSize, inputSize] holds the templates w_j as rows
 * (Torch7 stores its transpose), initialised U(-1/√inputSize, 1/√inputSize) as Torch7 does. No bias.
 * <p>Backward, with q[b, j] = g[b, j] / y[b, j] (and q = 0 where y = 0, the subgradient at zero distance):
 * ∂L/∂x_b = Σ_j q[b, j] (x_b - w_j); ∂L/∂w_j += -scale · Σ_b q[b, j] (x_b - w_j). The differences x_b - w_j are kept
 * from forward in a [B, outputSize, inputSize] buffer, so nearby points lose no precision to cancellation.
 */
public class Euclidean extends Module implements TensorModule {
    public static final ModuleType<Euclidean> TYPE = ModuleType.of("Euclidean", Euclidean.class,
            m -> ModuleArgs.of("inputSize", m.inputSize, "outputSize", m.outputSize),
            a -> new Euclidean(a.integer("inputSize"), a.integer("outputSize")));

    private final int inputSize, outputSize;

    public int inputSize() { return inputSize; }

    public int outputSize() { return outputSize; }
    private Tensor diff, q, nonzero; // [B, out, in] x_b - w_j; [B, out] g / y; [B, out] y != 0

    public Euclidean(int inputSize, int outputSize) {
        if (inputSize < 1 || outputSize < 1) throw new IllegalArgumentException("Euclidean: sizes must be positive, got "
                + inputSize + " -> " + outputSize);
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        addParameter("weight", outputSize, inputSize);
        if (drawInitialWeights()) reset(Generator.global());
    }

    /** Re-draws the templates U(-1/√inputSize, 1/√inputSize) in place. */
    public Euclidean reset(Generator g) {
        double stdv = 1 / Math.sqrt(inputSize);
        weight().copy(Tensor.rand(g, outputSize, inputSize).mulInPlace(2 * stdv).subInPlace(stdv));
        return this;
    }

    private Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 2 || x.size(1) != inputSize || x.dtype() != weight().dtype()) throw new IllegalArgumentException(name()
                + ": expected " + weight().dtype() + " input [B, " + inputSize + "], got " + x.dtype() + " " + x.shape());
        return x;
    }

    /** The templates W [outputSize, inputSize], one per row. */
    public Tensor weight() { return param("weight"); }
    /** ∂L/∂W. */
    public Tensor gradWeight() { return grad("weight"); }

    @Override public Euclidean clone() { return (Euclidean) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        int b = x.size(0);
        diff = reuse(diff, weight(), b, outputSize, inputSize);
        x.unsqueeze(1).apply(BinaryOp.SUB, 1, weight().unsqueeze(0), diff);
        Tensor y = reuse(output, weight(), b, outputSize);
        weight().backend().reduce(ReduceOp.SUMSQ, y.unsqueeze(2), diff, 2);
        return y.sqrtInPlace();
    }

    /** q = g / y, 0 where y = 0; checks gradOutput. */
    private Tensor quotient(Activity gradOutput, int batch) {
        Tensor g = gradOutput.toTensor(name()), y = (Tensor) output;
        if (g.dim() != 2 || g.size(0) != batch || g.size(1) != outputSize) throw new IllegalArgumentException(name()
                + ": expected gradOutput [" + batch + ", " + outputSize + "], got " + g.shape());
        if (y == null || y.size(0) != batch) throw new IllegalStateException(name() + ": backward needs a forward on this input first");
        nonzero = y.apply(UnaryOp.NE, 0, 0, reuse(nonzero, y, y.sizes()));
        q = nonzero.apply(UnaryOp.RSUB, 1, 0, reuse(q, y, y.sizes())).addInPlace(y); // y, or 1 where y == 0
        return g.div(q, q).mulInPlace(nonzero);
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input);
        Tensor qq = quotient(gradOutput, x.size(0));
        Tensor gi = reuse(gradInput, x, x.sizes());
        for (int b = 0; b < x.size(0); b++) gi.select(0, b).addmvInPlace(0, 1, diff.select(0, b).t(), qq.select(0, b));
        return gi;
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor x = in(input);
        Tensor qq = quotient(gradOutput, x.size(0));
        for (int j = 0; j < outputSize; j++) {
            gradWeight().select(0, j).addmvInPlace(1, -scale, diff.select(1, j).t(), qq.select(1, j));
        }
    }


    @Override protected void clearOwnState() { diff = null; q = null; nonzero = null; }

    @Override public String name() { return "Euclidean(" + inputSize + " -> " + outputSize + ")"; }
}
