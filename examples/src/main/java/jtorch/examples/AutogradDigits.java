package jtorch.examples;

import java.util.Locale;
import jtorch.autograd.AutogradCriterion;
import jtorch.autograd.AutogradModule;
import jtorch.autograd.Params;
import jtorch.autograd.Var;
import jtorch.data.DataLoader;
import jtorch.data.TensorDataset;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.Sequential;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import jtorch.train.History;
import jtorch.train.Trainer;

/**
 * A custom layer and a custom loss written in autograd code ({@code jtorch.autograd}), dropped into the
 * {@link Trainer} beside ordinary modules, on the embedded UCI digits (80/20 split, pixels standardised):
 * <ul>
 *   <li>layer {@link GatedLinear} (a gated linear unit): y = (x·Wᵀ + b) ⊙ σ(x·Vᵀ + c), x [B, in], y [B, out];</li>
 *   <li>loss {@link #smoothedCrossEntropy}: L = −(1/B) Σ_i Σ_k q_ik · log softmax(z_i)_k with the smoothed targets
 *       q = (1 − ε)·onehot(y) + ε/K.</li>
 * </ul>
 * Network: GatedLinear(64 → 64), Linear(64 → 10); Adam lr 0.01, batch 32. Run:
 * {@code ./jtorch run jtorch.examples.AutogradDigits [epochs]}.
 */
public final class AutogradDigits {
    private AutogradDigits() {}

    /** y = (x·Wᵀ + b) ⊙ σ(x·Vᵀ + c), parameters weight, bias, gateWeight, gateBias; saved through its TYPE. */
    public static final class GatedLinear extends AutogradModule {
        public static final ModuleType<GatedLinear> TYPE = ModuleType.of("examples.GatedLinear", GatedLinear.class,
                m -> ModuleArgs.of("inputSize", m.in, "outputSize", m.out),
                a -> new GatedLinear(a.integer("inputSize"), a.integer("outputSize")));
        private final int in, out;

        public GatedLinear(int in, int out) {
            this.in = in;
            this.out = out;
            Tensor w = addParameter("weight", out, in), b = addParameter("bias", out);
            Tensor v = addParameter("gateWeight", out, in), c = addParameter("gateBias", out);
            if (drawInitialWeights()) {
                double s = 1 / Math.sqrt(in);
                for (Tensor t : new Tensor[] {w, b, v, c}) t.copy(Tensor.rand(Generator.global(), t.sizes())
                        .mulInPlace(2 * s).subInPlace(s));
            }
        }

        @Override protected Var compute(Params p, Var x) {
            Var value = Var.linear(x, p.get("weight"), p.get("bias"));
            Var gate = Var.linear(x, p.get("gateWeight"), p.get("gateBias")).sigmoid();
            return value.mul(gate);
        }

        @Override public GatedLinear clone() { return (GatedLinear) super.clone(); }

        @Override public String name() { return "GatedLinear(" + in + " -> " + out + ")"; }
    }

    /** Cross-entropy of logits [B, K] against I32 labels [B] with label smoothing ε. */
    public static AutogradCriterion smoothedCrossEntropy(double eps) {
        return AutogradCriterion.of("SmoothedCrossEntropy(" + eps + ")", (Var z, Activity target) -> {
            Tensor labels = target.toTensor("SmoothedCrossEntropy target");
            int b = z.size(0), k = z.size(1);
            Tensor q = z.value().newZeros(b, k)
                    .scatterAddInPlace(1, labels.view(b, 1), z.value().newZeros(b, 1).fillInPlace(1 - eps))
                    .addInPlace(eps / k);
            return z.logSoftmax(1).mul(Var.of(q)).sum(1, false).mean().neg();
        });
    }

    /** Test accuracy after training, and the history. */
    public record Result(double testAccuracy, History history, Sequential model, Tensor testImages) {}

    public static Result run(int epochs, long seed, boolean verbose) {
        Digits[] split = Digits.load().trainTestSplit(0.2, seed);
        Digits train = split[0].standardize(split[0]), test = split[1].standardize(split[0]);
        Generator.manualSeed(seed);
        Sequential model = new Sequential().add(new GatedLinear(64, 64)).add(new Linear(64, 10));
        Trainer trainer = Trainer.builder(model, smoothedCrossEntropy(0.1),
                        new Optimizer("adam", Config.of("learningRate", 0.01)))
                .train(new DataLoader(new TensorDataset(train.images(), train.labels()), 32, true, seed, false))
                .validation(new DataLoader(new TensorDataset(test.images(), test.labels()), 256, false, seed, false))
                .epochs(epochs).build();
        History h = trainer.fit();
        if (verbose) {
            System.out.println(model);
            h.epochs().forEach(m -> System.out.printf(Locale.ROOT, "epoch %2d  loss %.4f  train acc %.4f  test acc %.4f"
                    + "  (%.1f s)%n", m.epoch(), m.trainLoss(), m.trainAccuracy(), m.valAccuracy(), m.seconds()));
        }
        return new Result(h.epochs().getLast().valAccuracy(), h, model, test.images());
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Result r = run(epochs, 1, true);
        System.out.printf(Locale.ROOT, "test accuracy %.4f after %d epochs%n", r.testAccuracy(), epochs);
    }
}
