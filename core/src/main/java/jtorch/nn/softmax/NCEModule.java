package jtorch.nn.softmax;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * A sampled output layer over V words for noise-contrastive estimation (Gutmann &amp; Hyvärinen 2010; Mnih &amp; Teh
 * 2012; Torch7 dpnn's {@code NCEModule}) and sampled softmax (Jean et al. 2015). The word scores are those of a full
 * softmax layer, s(w, h) = W_w · h + b_w with W [V, H], b [V]. Input the table {h [B, H], target [B] I32}; each forward
 * (in training and evaluation mode alike) draws k noise words n_1..n_k from q ∝ count^α ({@link NoiseSampler}, the
 * module's own {@link Generator} seeded by {@code seed}), shared by the whole batch, and outputs [B, 1 + k]:
 * <pre>
 * out[b, 0]     = s(t_b, h_b) - log(k q(t_b))
 * out[b, 1 + j] = s(n_j, h_b) - log(k q(n_j))  [- 1e4 where n_j = t_b, when removeHits]
 * </pre>
 * the logits of "data, not noise" for NCE ({@link jtorch.nn.criterion.NCECriterion}, self-normalised: exp s is used
 * as the unnormalised probability) and, up to a constant per row, the corrected logits of sampled softmax
 * ({@link jtorch.nn.criterion.SampledSoftMaxCriterion}; there {@code removeHits} takes noise draws of the target
 * itself out of the softmax). A step costs (B + k) · H multiply-adds per row pair instead of V · H.
 * {@link #logProbs} gives the exact normalised log softmax(h Wᵀ + b) [N, V] for evaluation.
 * <p>Parameters {@code weight} W (U(-1/√H, 1/√H)) and {@code bias} b (-log V, so that Σ exp s ≈ 1 at the start).
 * Arguments saved with the model: the word counts, α, k, the seed and removeHits; a loaded module restarts its
 * generator from the seed. {@link #noise(Tensor)} fixes the noise words (for gradient checks).
 * Backward: ∂h_b = Σ_j g[b, j] W_{w_j}, ∂W_w += Σ g h over the entries of word w, ∂b_w likewise.
 */
public class NCEModule extends Module {
    public static final ModuleType<NCEModule> TYPE = ModuleType.of("NCEModule", NCEModule.class,
            m -> ModuleArgs.of("inputSize", m.inputSize, "counts", m.counts, "k", m.k, "power", m.power,
                    "seed", m.seed, "removeHits", m.removeHits),
            a -> new NCEModule(a.integer("inputSize"), a.ints("counts"), a.integer("k"), a.number("power"),
                    a.integer("seed"), a.bool("removeHits")));
    /** The amount taken from the logit of a noise draw that equals the target, when removeHits. */
    public static final double HIT = 1e4;
    private final int inputSize, k, seed, nWords;
    private final int[] counts;
    private final double power;
    private final boolean removeHits;
    private final NoiseSampler sampler;
    private Generator generator;
    private Tensor fixed; // [k] I32 or null
    private Tensor noise, wt, wn; // last forward: noise ids [k], W rows of the targets [B, H] and of the noise [k, H]

    /**
     * @param counts     the training count of each word (V = counts.length)
     * @param k          noise words per forward
     * @param power      α of q ∝ count^α (0.75 as word2vec; 1 unigram)
     * @param seed       the seed of the module's generator
     * @param removeHits subtract {@link #HIT} from noise logits equal to the row's target (for sampled softmax)
     */
    public NCEModule(int inputSize, int[] counts, int k, double power, int seed, boolean removeHits) {
        if (inputSize < 1 || k < 1) throw new IllegalArgumentException("NCEModule: inputSize and k must be positive, got "
                + inputSize + ", " + k);
        this.inputSize = inputSize;
        this.counts = counts.clone();
        this.k = k;
        this.power = power;
        this.seed = seed;
        this.removeHits = removeHits;
        this.sampler = new NoiseSampler(counts, power);
        this.nWords = counts.length;
        this.generator = new Generator(seed);
        addParameter("weight", nWords, inputSize);
        addParameter("bias", nWords);
        if (drawInitialWeights()) reset(Generator.global());
    }

    /** Re-draws W ~ U(-1/√H, 1/√H) and sets b = -log V. */
    public NCEModule reset(Generator g) {
        double s = 1 / Math.sqrt(inputSize);
        weight().copy(Tensor.rand(g, nWords, inputSize).mulInPlace(2 * s).subInPlace(s));
        bias().fillInPlace(-Math.log(nWords));
        return this;
    }

    public Tensor weight() { return param("weight"); }
    public Tensor bias() { return param("bias"); }
    public int inputSize() { return inputSize; }
    public int samples() { return k; }
    public NoiseSampler sampler() { return sampler; }

    /** Uses these k noise ids [k] I32 in every forward from now on (null: draw again); returns this module. */
    public NCEModule noise(Tensor ids) {
        if (ids != null && (ids.dtype() != DType.I32 || ids.dim() != 1 || ids.size(0) != k || ids.min() < 0
                || ids.max() >= nWords)) throw new IllegalArgumentException(name() + ": fixed noise must be [" + k
                + "] I32 ids in [0, " + nWords + "), got " + ids.dtype() + " " + ids.shape());
        fixed = ids;
        return this;
    }

    /** The noise ids [k] of the last forward. */
    public Tensor lastNoise() { return noise; }

    @Override public NCEModule clone() { return (NCEModule) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor[] in = Rows.hiddenAndTarget(name(), input, inputSize, nWords);
        Tensor h = in[0], t = in[1];
        int b = h.size(0);
        noise = (fixed != null ? fixed : sampler.sample(generator, k)).to(h.backend());
        double logK = Math.log(k);
        Tensor logQ = sampler.logProbs().to(h.backend());
        Tensor logQt = logQ.indexSelect(0, t);
        if (b > 0 && logQt.min() == Double.NEGATIVE_INFINITY) throw new IllegalArgumentException(name() + ": a target "
                + "word has count 0, so noise probability 0 and an infinite logit log(k q); give every word that can be "
                + "a target a count >= 1 (e.g. add 1 to every count)");
        wt = weight().indexSelect(0, t);
        wn = weight().indexSelect(0, noise);
        Tensor out = reuse(output, h, b, 1 + k);
        Tensor st = h.mul(wt).sum(1, true).addInPlace(bias().indexSelect(0, t).view(b, 1))
                .subInPlace(logQt.to(h.dtype()).addInPlace(logK).view(b, 1));
        out.narrow(1, 0, 1).copy(st);
        Tensor sn = out.narrow(1, 1, k);
        sn.copy(h.mm(wn.t()));
        sn.addInPlace(bias().indexSelect(0, noise).sub(logQ.indexSelect(0, noise).to(h.dtype()).addInPlace(logK)).view(1, k));
        if (removeHits) {
            Tensor hits = t.to(h.dtype()).view(b, 1).eq(noise.to(h.dtype()).view(1, k));
            sn.addInPlace(-HIT, hits);
        }
        return out;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor[] in = Rows.hiddenAndTarget(name(), input, inputSize, nWords);
        Tensor h = in[0], g = Rows.grad(name(), gradOutput, h.size(0), 1 + k);
        Tensor gh = wt.mul(g.narrow(1, 0, 1)).addmmInPlace(1, 1, g.narrow(1, 1, k), wn);
        return Table.of(gh, in[1].zerosLike());
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor[] in = Rows.hiddenAndTarget(name(), input, inputSize, nWords);
        Tensor h = in[0], t = in[1];
        int b = h.size(0);
        Tensor g = Rows.grad(name(), gradOutput, b, 1 + k), g0 = g.narrow(1, 0, 1), gn = g.narrow(1, 1, k);
        Tensor gw = grad("weight"), gb = grad("bias");
        gw.scatterAddInPlace(0, t.view(b, 1).expand(b, inputSize), h.mul(g0).mulInPlace(scale));
        gw.scatterAddInPlace(0, noise.view(k, 1).expand(k, inputSize), gn.t().mm(h).mulInPlace(scale));
        gb.scatterAddInPlace(0, t, g0.reshape(b).mul(scale));
        gb.scatterAddInPlace(0, noise, gn.sum(0, false).mulInPlace(scale));
    }

    /** Exact log softmax(h Wᵀ + b) [N, V] over the whole vocabulary. */
    public Tensor logProbs(Tensor h) {
        h = Rows.hidden(name(), h, inputSize);
        return Rows.logSoftMaxInPlace(h.mm(weight().t()).addInPlace(bias()));
    }

    /** Exact log p(target_b | h_b) [N] of the full softmax. */
    public Tensor logProb(Tensor h, Tensor target) {
        Tensor lp = logProbs(h);
        return lp.gather(1, target.to(lp.backend()).view(target.numel(), 1)).view(target.numel());
    }

    @Override protected void clearOwnState() {
        noise = wt = wn = null;
        if (generator != null) generator = Generator.restore(generator.state());
    }

    @Override public String name() {
        return "NCEModule(" + inputSize + " -> " + nWords + ", k " + k + ", q ~ count^" + power
                + (removeHits ? ", hits removed" : "") + ")";
    }
}
