package jtorch.data;

import java.util.Arrays;
import jtorch.tensor.Tensor;

/**
 * Per-feature standardisation: {@code y = (x - mean) / std}, with {@code mean} and {@code std} (population standard
 * deviation, divisor N) computed over dimension 0 of the <em>training</em> inputs only, then applied unchanged to
 * validation and test inputs. A feature whose std is below 1e-12 (constant in the training set) gets scale 1, so it is
 * only shifted. {@code mean} and {@code std} have the shape of one example, {@code [1, F...]}; {@link #apply} takes
 * {@code [B, F...]} (or one example {@code [F...]}) and returns a new tensor of the same shape.
 */
public final class Normalizer {
    private final Tensor mean, std;

    /** A normalizer with given statistics, e.g. restored from a checkpoint; both of shape {@code [1, F...]}. */
    public Normalizer(Tensor mean, Tensor std) {
        if (!mean.sameShape(std)) throw new IllegalArgumentException("Normalizer: mean " + Arrays.toString(mean.sizes())
                + " and std " + Arrays.toString(std.sizes()) + " differ in shape");
        this.mean = mean;
        this.std = std;
    }

    /** Fits mean and std over dimension 0 of {@code trainInputs} [N, F...] (N ≥ 1). */
    public static Normalizer fit(Tensor trainInputs) {
        if (trainInputs.dim() < 1 || trainInputs.size(0) == 0) throw new IllegalArgumentException(
                "Normalizer.fit: expected inputs [N, F...] with N >= 1, got " + Arrays.toString(trainInputs.sizes()));
        Tensor m = trainInputs.mean(0, true);
        Tensor s = trainInputs.var(0, false, true).sqrtInPlace();
        s = Tensor.where(s.gt(1e-12), s, s.zerosLike().fillInPlace(1));
        return new Normalizer(m, s);
    }

    public Tensor mean() { return mean; }

    public Tensor std() { return std; }

    /** {@code (x - mean) / std} for {@code x} [B, F...] or one example [F...]. */
    public Tensor apply(Tensor x) {
        int[] one = Arrays.copyOfRange(mean.sizes(), 1, mean.dim());
        boolean batched = x.dim() == mean.dim() && Arrays.equals(Arrays.copyOfRange(x.sizes(), 1, x.dim()), one);
        boolean single = Arrays.equals(x.sizes(), one);
        if (!batched && !single) throw new IllegalArgumentException("Normalizer.apply: expected [B, "
                + Arrays.toString(one).substring(1) + " or " + Arrays.toString(one) + ", got " + Arrays.toString(x.sizes()));
        Tensor m = single ? mean.select(0, 0) : mean, s = single ? std.select(0, 0) : std;
        return x.sub(m).divInPlace(s);
    }

    /** The data set with normalised inputs (targets shared). */
    public TensorDataset apply(TensorDataset d) { return new TensorDataset(apply(d.inputs()), d.targets()); }
}
