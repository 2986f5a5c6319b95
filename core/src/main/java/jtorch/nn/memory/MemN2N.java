package jtorch.nn.memory;

import java.util.ArrayList;
import java.util.List;
import jtorch.backend.Backend;
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
 * {@link jtorch.backend.Backend#sentenceEncode} (bag of words, or position encoding l_kj), for hops k = 1..K:
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
 * <p>Computed by back-end kernels: {@link jtorch.backend.Backend#sentenceEncode} encodes the story by every memory
 * embedding in one pass (an embedding gather with the weights l and T added, no count matrices), {@link
 * jtorch.backend.Backend#memoryRead} does one hop (scores, softmax, weighted sum) per batch row, and their backward
 * kernels accumulate the gradients; a step's state lives in buffers reused between calls.
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
    // forward state kept for backward, in buffers reused between calls (a steady-state step allocates nothing
    // proportional to the memory): the memories [n, B, M, d] (all) with their gradients (gAll), the controller states
    // u^1..u^{K+1} [K+1, B, d] (uBuf), the attention weights [K, B, M] (pBuf), two ∂L/∂u [B, d] buffers (gBuf)
    private Tensor[] mems, us, ps;
    private Tensor all, gAll, uBuf, pBuf;
    private Tensor[] gBuf;

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

    /** The words as the embeddings' back end sees them (heap back ends share storage: a view). */
    private static Tensor words(Tensor w, Tensor like) { return w.backend() == like.backend() ? w : w.to(like.backend()); }

    @Override public Activity updateOutput(Activity input) {
        Tensor[] in = inputs(input);
        Tensor like = param(questionName);
        Backend be = like.backend();
        Tensor x = words(in[0], like), q = words(in[1], like).unsqueeze(1);
        int b = x.size(0), n = memNames.size();
        all = reuse(all, like, n, b, memory, dim);                                          // [n, B, M, d]
        uBuf = reuse(uBuf, like, hops + 1, b, dim);
        pBuf = reuse(pBuf, like, hops, b, memory);
        mems = new Tensor[n];
        us = new Tensor[hops + 1];
        ps = new Tensor[hops];
        try {                                  // m_i = Φ_E(x_i) + T_E[i] for every memory embedding in one pass
            be.sentenceEncode(all, x, tensors(memNames, false), temporalEncoding ? tensors(timeNames, false) : null,
                    positionEncoding);
            be.sentenceEncode(uBuf.narrow(0, 0, 1).unsqueeze(2), q, List.of(param(questionName)), null,
                    positionEncoding);                                                     // u¹ = Φ_B(q)
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name() + ": " + e.getMessage(), e);
        }
        for (int e = 0; e < n; e++) mems[e] = all.select(0, e);
        us[0] = uBuf.select(0, 0);
        for (int k = 0; k < hops; k++) {
            ps[k] = pBuf.select(0, k);
            Tensor o = us[k + 1] = uBuf.select(0, k + 1);
            be.memoryRead(ps[k], o, mems[in(k)], mems[out(k)], us[k], !linear);             // p = softmax(m · u), o = Σ p c
            if (layerWise) o.addmmInPlace(1, 1, us[k], param("H").t());
            else o.addInPlace(us[k]);
        }
        return us[hops].mm(param(answerName).t());
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
        requireForward("accGradParameters");
        Tensor[] in = inputs(input);
        Tensor w = param(answerName);
        Backend be = w.backend();
        Tensor x = words(in[0], w), q = words(in[1], w).unsqueeze(1);
        Tensor gs = gradOutput.toTensor(name());
        int b = x.size(0);
        if (gs.dim() != 2 || gs.size(0) != b || gs.size(1) != vocab) throw new IllegalArgumentException(name()
                + ": expected gradOutput [" + b + ", " + vocab + "], got " + gs.shape());
        grad(answerName).addmmInPlace(1, scale, gs.t(), us[hops]);
        gBuf = gBuf == null ? new Tensor[2] : gBuf;
        for (int i = 0; i < 2; i++) gBuf[i] = reuse(gBuf[i], w, b, dim);
        Tensor g = gBuf[0].addmmInPlace(0, 1, gs, w);                                       // ∂L/∂u^{K+1}, [B, d]
        gAll = reuse(gAll, w, mems.length, b, memory, dim).fillInPlace(0);
        for (int k = hops - 1; k >= 0; k--) {
            Tensor gu = gBuf[(hops - k) % 2];                                                // the buffer g is not in
            be.memoryReadBackward(gAll.select(0, in(k)), gAll.select(0, out(k)), gu, g, ps[k], mems[in(k)],
                    mems[out(k)], us[k], !linear);                                        // gu = Σ_i ∂s_i m_i
            if (layerWise) {
                grad("H").addmmInPlace(1, scale, g.t(), us[k]);
                gu.addmmInPlace(1, 1, g, param("H"));
            } else gu.addInPlace(g);
            g = gu;
        }
        be.sentenceEncodeBackward(tensors(memNames, true), temporalEncoding ? tensors(timeNames, true) : null, x, gAll,
                positionEncoding, scale);
        be.sentenceEncodeBackward(List.of(grad(questionName)), null, q, g.unsqueeze(0).unsqueeze(2), positionEncoding,
                scale);
    }

    /** The weights (or their gradients) of the given names. */
    private List<Tensor> tensors(List<String> names, boolean grads) {
        List<Tensor> ts = new ArrayList<>(names.size());
        for (String n : names) ts.add(grads ? grad(n) : param(n));
        return ts;
    }

    @Override protected void clearOwnState() {
        mems = us = ps = gBuf = null;
        all = gAll = uBuf = pBuf = null;
    }

    @Override public String name() {
        return "MemN2N(" + vocab + " words, d " + dim + ", memory " + memory + ", " + hops + " hops, "
                + (layerWise ? "layer-wise" : "adjacent") + (positionEncoding ? ", PE" : ", BoW")
                + (temporalEncoding ? ", TE" : "") + (linear ? ", linear" : "") + ")";
    }
}
