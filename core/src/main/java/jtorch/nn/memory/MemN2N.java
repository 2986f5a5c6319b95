package jtorch.nn.memory;

import java.util.ArrayList;
import java.util.List;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * End-to-end memory network (Sukhbaatar, Szlam, Weston, Fergus 2015, "End-To-End Memory Networks"). Input a table
 * {story x [B, M, J], question q [B, Jq]} of I32 word indices (0 = the nil word: it pads a sentence on the right and
 * an unused memory slot is all nil; slot 0 holds the most recent sentence); output the answer scores [B, V] (before
 * the softmax: train with {@code CrossEntropyCriterion}). As in the paper, unused slots are not masked: they take
 * part in the attention with their temporal encoding alone (the paper's random noise adds such empty memories in
 * training to regularise T_A; masking them cost accuracy on bAbI task 1, 98.5-99.0 % against 99.4 %). With the sentence encoding Φ_E(x) = Σ_j l_j ⊙ E[x_j] of
 * {@link SentenceEncoding} (bag of words, or position encoding l_kj), for hops k = 1..K:
 * <pre>
 * u¹ = Φ_B(q);   m_i = Φ_{A^k}(x_i) + T_A^k[i];   c_i = Φ_{C^k}(x_i) + T_C^k[i]      (T only with temporal encoding)
 * p = softmax_i(m_i · u^k) over the M slots   (linear start: p_i = m_i · u^k, the softmax removed)
 * o^k = Σ_i p_i c_i;   u^{k+1} = u^k + o^k  (adjacent)  or  H u^k + o^k  (layer-wise);   scores = W u^{K+1}
 * </pre>
 * Weight tying, as in the paper: <b>adjacent</b> — K+1 embeddings {@code emb0..embK} [V, d] (and {@code time0..timeK}
 * [M, d]) with A^{k+1} = C^k = emb_k, B = A¹ = emb0, W = C^K = embK (so scores are over the V words); <b>layer-wise</b>
 * — A, C (and {@code timeA}, {@code timeC}) shared by every hop, and B, W [V, d], H [d, d] of their own. Weights are
 * drawn N(0, 0.1²) as in the paper. The nil word contributes nothing to a sentence (its row is not used there).
 * <p>Linear start: {@link #linear(boolean)} removes the softmax of every hop (the paper re-inserts it when the
 * validation loss stops falling). Backward: the chain rule through the hops in reverse (in the Javadoc of
 * {@link #updateGradInput}); the I32 inputs get zero gradients.
 */
public class MemN2N extends Module {
    public static final ModuleType<MemN2N> TYPE = ModuleType.of("MemN2N", MemN2N.class,
            m -> ModuleArgs.of("vocabSize", m.vocab, "dim", m.dim, "memorySize", m.memory, "hops", m.hops,
                    "layerWise", m.layerWise, "positionEncoding", m.positionEncoding,
                    "temporalEncoding", m.temporalEncoding, "linear", m.linear),
            a -> new MemN2N(a.integer("vocabSize"), a.integer("dim"), a.integer("memorySize"), a.integer("hops"),
                    a.bool("layerWise"), a.bool("positionEncoding"), a.bool("temporalEncoding")).linear(a.bool("linear")));
    private final int vocab, dim, memory, hops;
    private final boolean layerWise, positionEncoding, temporalEncoding;
    private boolean linear;
    private final List<String> memNames = new ArrayList<>(), timeNames = new ArrayList<>();
    private final String questionName, answerName;
    // forward state kept for backward: weights l, memories per embedding, u per hop, p per hop
    private SentenceEncoding ex, eq;
    private Tensor[] mems, us, ps;
    // reused between calls (a steady-state step allocates nothing proportional to the memory): the memories [n, B, M, d],
    // a product scratch [B, M, d], per hop the scores [B, M, 1] and outputs [B, 1, d], their gradients, and the
    // memory gradients [n, B, M, d] and [B·M, n, d]
    private Tensor all, prod, gAll, gCat, gp, gpp, gu, tSum;
    private Tensor[] sBuf, oBuf;
    private SentenceEncoding.Buffers storyBuffers = new SentenceEncoding.Buffers();

    private static Tensor[] reuse(Tensor[] bufs, int n) { return bufs != null && bufs.length == n ? bufs : new Tensor[n]; }

    /** Σ over dim of x into out (overwritten, x's shape with 1 at dim); returns out. */
    private static Tensor sumInto(Tensor out, Tensor x, int dim) {
        x.backend().reduce(jtorch.backend.ReduceOp.SUM, out, x, dim);
        return out;
    }

    /** Adjacent tying, position and temporal encoding, softmax on: the paper's usual configuration. */
    public MemN2N(int vocabSize, int dim, int memorySize, int hops) {
        this(vocabSize, dim, memorySize, hops, false, true, true);
    }

    public MemN2N(int vocabSize, int dim, int memorySize, int hops, boolean layerWise, boolean positionEncoding,
                  boolean temporalEncoding) {
        if (vocabSize < 2 || dim < 1 || memorySize < 1 || hops < 1) throw new IllegalArgumentException("MemN2N: "
                + "expected vocabSize >= 2 (word 0 is nil), dim, memorySize and hops >= 1, got " + vocabSize + ", "
                + dim + ", " + memorySize + ", " + hops);
        this.vocab = vocabSize;
        this.dim = dim;
        this.memory = memorySize;
        this.hops = hops;
        this.layerWise = layerWise;
        this.positionEncoding = positionEncoding;
        this.temporalEncoding = temporalEncoding;
        if (layerWise) {
            memNames.addAll(List.of("A", "C"));
            if (temporalEncoding) timeNames.addAll(List.of("timeA", "timeC"));
            questionName = "B";
            answerName = "W";
        } else {
            for (int k = 0; k <= hops; k++) memNames.add("emb" + k);
            if (temporalEncoding) for (int k = 0; k <= hops; k++) timeNames.add("time" + k);
            questionName = "emb0";
            answerName = "emb" + hops;
        }
        for (String n : memNames) addParameter(n, vocabSize, dim);
        for (String n : timeNames) addParameter(n, memorySize, dim);
        if (layerWise) {
            addParameter("B", vocabSize, dim);
            addParameter("W", vocabSize, dim);
            addParameter("H", dim, dim);
        }
        if (drawInitialWeights()) reset(Generator.global());
    }

    /** Re-draws every weight N(0, 0.1²) in place. */
    public MemN2N reset(Generator g) {
        for (Tensor w : parameters().weights()) w.copy(Tensor.randn(g, w.sizes()).mulInPlace(0.1));
        return this;
    }

    /** Linear start on (softmax removed from every hop) or off. */
    public MemN2N linear(boolean on) { linear = on; return this; }
    /** Whether the softmax is removed (linear start). */
    public boolean isLinear() { return linear; }
    public int vocabSize() { return vocab; }
    public int dim() { return dim; }
    public int memorySize() { return memory; }
    public int hops() { return hops; }
    /** The attention weights p [B, M] of hop k (0-based) of the last forward. */
    public Tensor attention(int k) { requireForward("attention"); return ps[k]; }

    @Override public MemN2N clone() { return (MemN2N) super.clone(); }

    /** Index of the memory embedding read as A in hop k (0-based); C is the next one (adjacent) or 1 (layer-wise). */
    private int in(int k) { return layerWise ? 0 : k; }
    private int out(int k) { return layerWise ? 1 : k + 1; }

    private Tensor[] inputs(Activity input) {
        if (input instanceof Table t && t.size() == 2) {
            Tensor x = t.tensor(0), q = t.tensor(1);
            if (x.dtype() == DType.I32 && q.dtype() == DType.I32 && x.dim() == 3 && q.dim() == 2
                    && x.size(0) == q.size(0) && x.size(1) == memory) return new Tensor[] {x, q};
        }
        throw new IllegalArgumentException(name() + ": expected a table {story [B, " + memory + ", J], question [B, Jq]}"
                + " of I32 word indices, got " + input);
    }

    private void checkWords(Tensor x) {
        if (x.numel() == 0) return;
        Tensor flat = x.reshape(x.numel());
        int lo = (int) flat.min(), hi = (int) flat.max();
        if (lo < 0 || hi >= vocab) throw new IllegalArgumentException(name() + ": word index " + (lo < 0 ? lo : hi)
                + " out of range [0, " + vocab + ") in input " + x.shape());
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor[] in = inputs(input);
        Tensor x = in[0], q = in[1], like = param(questionName);
        checkWords(x);
        checkWords(q);
        ex = SentenceEncoding.of(x, vocab, dim, positionEncoding, like, storyBuffers);
        eq = SentenceEncoding.of(q, vocab, dim, positionEncoding, like);
        List<Tensor> es = new ArrayList<>(memNames.size());
        for (String n : memNames) es.add(param(n));
        int b = x.size(0);
        all = reuse(all, like, es.size(), b, memory, dim)                                   // all: [n, B, M, d]
                .copy(ex.encode(es).view(b, memory, es.size(), dim).permute(2, 0, 1, 3));
        mems = new Tensor[es.size()];
        for (int e = 0; e < mems.length; e++) {
            mems[e] = all.select(0, e);
            if (temporalEncoding) mems[e].addInPlace(param(timeNames.get(e)));
        }
        us = new Tensor[hops + 1];
        ps = new Tensor[hops];
        sBuf = reuse(sBuf, hops);
        oBuf = reuse(oBuf, hops);
        prod = reuse(prod, like, b, memory, dim);
        us[0] = eq.encode(param(questionName));
        for (int k = 0; k < hops; k++) {
            sBuf[k] = reuse(sBuf[k], like, b, memory, 1);
            oBuf[k] = reuse(oBuf[k], like, b, 1, dim);
            Tensor s = sumInto(sBuf[k], mems[in(k)].mul(us[k].unsqueeze(1), prod), 2).view(b, memory); // m_i · u
            ps[k] = linear ? s : softmax(s);
            Tensor o = sumInto(oBuf[k], mems[out(k)].mul(ps[k].unsqueeze(2), prod), 1).view(b, dim); // Σ p_i c_i
            us[k + 1] = layerWise ? o.addmmInPlace(1, 1, us[k], param("H").t()) : o.addInPlace(us[k]);
        }
        return us[hops].mm(param(answerName).t());
    }

    private static Tensor softmax(Tensor s) {
        s.subInPlace(s.max(1).values()).expInPlace();
        return s.divInPlace(s.sum(1));
    }

    /**
     * Reverse through the hops with g = ∂L/∂u^{k+1} (first g = ∂L/∂scores · W): ∂c_i = p_i g, ∂p_i = c_i · g,
     * ∂s = p ⊙ (∂p - Σ p ∂p) (softmax) or ∂p (linear), ∂m_i = ∂s_i u^k, and ∂u^k = Σ_i ∂s_i m_i + g (adjacent)
     * or + g H (layer-wise, with ∂H += gᵀ u^k); the memory and question gradients then go to their embeddings.
     * Word inputs get zero gradients.
     */
    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor[] in = inputs(input);
        if (gradInput instanceof Table t && t.size() == 2 && t.tensor(0).sameShape(in[0]) && t.tensor(1).sameShape(in[1])
                && t.tensor(0).backend() == in[0].backend()) return t;                       // zeros, kept
        return Table.of(in[0].zerosLike(), in[1].zerosLike());
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor[] in = inputs(input);
        Tensor x = in[0], q = in[1], w = param(answerName);
        Tensor gs = gradOutput.toTensor(name());
        if (gs.dim() != 2 || gs.size(0) != x.size(0) || gs.size(1) != vocab) throw new IllegalArgumentException(name()
                + ": expected gradOutput [" + x.size(0) + ", " + vocab + "], got " + gs.shape());
        grad(answerName).addmmInPlace(1, scale, gs.t(), us[hops]);
        Tensor g = gs.mm(w);                                                               // ∂L/∂u^{K+1}, [B, d]
        int b = x.size(0);
        gAll = reuse(gAll, w, mems.length, b, memory, dim).fillInPlace(0);
        gp = reuse(gp, w, b, memory, 1);
        gpp = reuse(gpp, w, b, memory);
        gu = reuse(gu, w, b, 1, dim);
        Tensor[] gm = new Tensor[mems.length];
        for (int e = 0; e < gm.length; e++) gm[e] = gAll.select(0, e);
        for (int k = hops - 1; k >= 0; k--) {
            Tensor m = mems[in(k)], c = mems[out(k)], p = ps[k];
            gm[out(k)].addInPlace(p.unsqueeze(2).mul(g.unsqueeze(1), prod));               // ∂c_i = p_i g
            Tensor gpk = sumInto(gp, c.mul(g.unsqueeze(1), prod), 2).view(b, memory);      // ∂p_i = c_i · g, [B, M]
            Tensor gsc = linear ? gpk : gpk.subInPlace(gpk.mul(p, gpp).sum(1)).mulInPlace(p);
            gm[in(k)].addInPlace(gsc.unsqueeze(2).mul(us[k].unsqueeze(1), prod));         // ∂m_i = ∂s_i u
            Tensor gu = sumInto(this.gu, m.mul(gsc.unsqueeze(2), prod), 1).view(b, dim).clone(); // Σ_i ∂s_i m_i
            if (layerWise) {
                grad("H").addmmInPlace(1, scale, g.t(), us[k]);
                gu.addmmInPlace(1, 1, g, param("H"));
            } else gu.addInPlace(g);
            g = gu;
        }
        List<Tensor> grads = new ArrayList<>(gm.length);
        for (String n : memNames) grads.add(grad(n));
        gCat = reuse(gCat, w, b * memory, gm.length, dim).copy(gAll.view(gm.length, -1, dim).permute(1, 0, 2));
        ex.accumulate(grads, gCat, scale);
        if (temporalEncoding) {
            tSum = reuse(tSum, w, 1, memory, dim);
            for (int e = 0; e < gm.length; e++) grad(timeNames.get(e)).addInPlace(scale, sumInto(tSum, gm[e], 0).view(memory, dim));
        }
        eq.accumulate(grad(questionName), g, scale);
    }

    @Override protected void clearOwnState() {
        ex = eq = null;
        mems = us = ps = sBuf = oBuf = null;
        all = prod = gAll = gCat = gp = gpp = gu = tSum = null;
        storyBuffers = new SentenceEncoding.Buffers();
    }

    @Override public String name() {
        return "MemN2N(" + vocab + " words, d " + dim + ", memory " + memory + ", " + hops + " hops, "
                + (layerWise ? "layer-wise" : "adjacent") + (positionEncoding ? ", PE" : ", BoW")
                + (temporalEncoding ? ", TE" : "") + (linear ? ", linear" : "") + ")";
    }
}
