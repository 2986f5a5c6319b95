package jtorch.nn.attention;

import java.util.List;
import jtorch.nn.Module;
import jtorch.nn.ModuleType;
import jtorch.nn.layer.Dropout;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * PyTorch's {@code nn.TransformerDecoderLayer(dModel, nHead, dimFeedforward, dropout, activation, layer_norm_eps,
 * batch_first=False, norm_first)}. With SA the (optionally causal) self-attention over the target, CA the attention
 * of the target over the memory and f(x) = linear2(dropout(act(linear1(x)))):
 * <pre>
 *   post-norm: x = norm1(x + dropout1(SA(x)));  x = norm2(x + dropout2(CA(x, m)));  y = norm3(x + dropout3(f(x)))
 *   pre-norm:  x = x + dropout1(SA(norm1(x)));  x = x + dropout2(CA(norm2(x), m));  y = x + dropout3(f(norm3(x)))
 * </pre>
 * Input {tgt [T, B, E], memory [S, B, E]} or {tgt, memory, tgtKeyPaddingMask [B, T], memoryKeyPaddingMask [B, S]}
 * (nonzero = padded). Output [T, B, E]; gradInput {∂tgt, ∂memory} (and zeros for the masks).
 * <p>Children, in this order: 0 self_attn, 1 multihead_attn ({@link MultiHeadAttention}), 2 linear1, 3 linear2,
 * 4 norm1, 5 norm2, 6 norm3, 7 activation, 8 dropout, 9 dropout1, 10 dropout2, 11 dropout3;
 * {@link TorchNames#decoderLayer} renames a PyTorch state_dict to these names.
 */
public class TransformerDecoderLayer extends TransformerLayer {
    public static final ModuleType<TransformerDecoderLayer> TYPE = ModuleType.container("TransformerDecoderLayer",
            TransformerDecoderLayer.class,
            m -> args(m, 7),
            (a, ch) -> new TransformerDecoderLayer(a.integer("dModel"), a.integer("nHead"), a.integer("dimFeedforward"),
                    a.number("dropout"), a.bool("gelu") ? "gelu" : "relu", a.bool("normFirst"), a.bool("causal"),
                    a.number("eps"), ch));
    private Tensor sa, ca, x1, x2, n1, n2, n3;
    private Activity saIn, caIn;

    /** Dropout 0.1, relu, post-norm, causal self-attention. */
    public TransformerDecoderLayer(int dModel, int nHead, int dimFeedforward) {
        this(dModel, nHead, dimFeedforward, 0.1, "relu", false, true, 1e-5);
    }

    public TransformerDecoderLayer(int dModel, int nHead, int dimFeedforward, double dropout, String activation,
                                   boolean normFirst, boolean causal, double eps) {
        this(dModel, nHead, dimFeedforward, dropout, activation, normFirst, causal, eps, true, null);
    }

    /** With {@code bias = false}, no biases anywhere (both attentions' projections, the linears, the norms' β). */
    public TransformerDecoderLayer(int dModel, int nHead, int dimFeedforward, double dropout, String activation,
                                   boolean normFirst, boolean causal, double eps, boolean bias) {
        this(dModel, nHead, dimFeedforward, dropout, activation, normFirst, causal, eps, bias, null);
    }

    private TransformerDecoderLayer(int dModel, int nHead, int dimFeedforward, double dropout, String activation,
                                    boolean normFirst, boolean causal, double eps, List<Module> children) {
        this(dModel, nHead, dimFeedforward, dropout, activation, normFirst, causal, eps, true, children);
    }

    private TransformerDecoderLayer(int dModel, int nHead, int dimFeedforward, double dropout, String activation,
                                    boolean normFirst, boolean causal, double eps, boolean bias, List<Module> children) {
        super(dModel, nHead, dimFeedforward, dropout, normFirst, causal, eps, children, 12);
        if (children == null) {
            add(new MultiHeadAttention(dModel, nHead, dropout, bias, causal));
            add(new MultiHeadAttention(dModel, nHead, dropout, bias, false));
            add(linear(dModel, dimFeedforward, bias)).add(linear(dimFeedforward, dModel, bias));
            add(norm(dModel, eps, bias)).add(norm(dModel, eps, bias)).add(norm(dModel, eps, bias)).add(activation(activation));
            for (int i = 0; i < 4; i++) add(dropout(dropout));
        }
    }

    public MultiHeadAttention selfAttention() { return (MultiHeadAttention) get(0); }
    public MultiHeadAttention crossAttention() { return (MultiHeadAttention) get(1); }

    /** Freezes every dropout mask (for finite-difference checks); returns this. */
    public TransformerDecoderLayer freezeNoise(boolean freeze) {
        selfAttention().freezeNoise(freeze);
        crossAttention().freezeNoise(freeze);
        for (int i = 8; i < 12; i++) ((Dropout) get(i)).freezeNoise(freeze);
        return this;
    }

    @Override protected int[] ffnChildren() { return new int[] {2, 3, 7, 8}; }

    @Override public TransformerDecoderLayer clone() { return (TransformerDecoderLayer) super.clone(); }

    private Table in(Activity input) {
        if (!(input instanceof Table t) || (t.size() != 2 && t.size() != 4) || t.tensor(0).dim() != 3
                || t.tensor(1).dim() != 3 || t.tensor(0).size(2) != d || t.tensor(1).size(2) != d
                || t.tensor(0).size(1) != t.tensor(1).size(1)) throw new IllegalArgumentException(name()
                + ": expected {tgt [T, B, " + d + "], memory [S, B, " + d + "]} or {tgt, memory, tgtKeyPaddingMask [B, T],"
                + " memoryKeyPaddingMask [B, S]}, got " + input);
        return t;
    }

    private Activity selfIn(Table t, Tensor h) { return t.size() == 4 ? Table.of(h, t.get(2)) : h; }

    private Activity crossIn(Table t, Tensor h) {
        Tensor m = t.tensor(1);
        return t.size() == 4 ? Table.of(h, m, m, t.get(3)) : Table.of(h, m, m);
    }

    @Override public Activity updateOutput(Activity input) {
        started();
        Table t = in(input);
        Tensor x = t.tensor(0);
        if (normFirst) {
            n1 = fwd(4, x);
            sa = fwd(0, saIn = selfIn(t, n1));
            x1 = sum(0, x, fwd(9, sa));
            n2 = fwd(5, x1);
            ca = fwd(1, caIn = crossIn(t, n2));
            x2 = sum(1, x1, fwd(10, ca));
            n3 = fwd(6, x2);
            return sum(2, x2, fwd(11, ffn(n3)));
        }
        sa = fwd(0, saIn = selfIn(t, x));
        x1 = fwd(4, sum(0, x, fwd(9, sa)));
        ca = fwd(1, caIn = crossIn(t, x1));
        x2 = fwd(5, sum(1, x1, fwd(10, ca)));
        return fwd(6, sum(2, x2, fwd(11, ffn(x2))));
    }

    private static Tensor first(Activity g) { return g instanceof Table t ? t.tensor(0) : (Tensor) g; }

    @Override protected Activity inputGrad(Activity input, Activity gradOutput) {
        Table t = in(input);
        Tensor x = t.tensor(0), g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(x)) throw new IllegalArgumentException(name() + ": gradOutput " + g.shape()
                + " differs from tgt " + x.shape());
        Tensor gx, gm;
        if (normFirst) {
            Tensor gx2 = sum(3, g, gradT(6, x2, ffnGrad(n3, gradT(11, ffnOutput(x), g))));
            Table gc = (Table) grad(1, caIn, gradT(10, ca, gx2));
            gm = gc.tensor(1).add(gc.tensor(2));
            Tensor gx1 = sum(4, gx2, gradT(5, x1, gc.tensor(0)));
            gx = sum(5, gx1, gradT(4, x, first(grad(0, saIn, gradT(9, sa, gx1)))));
        } else {
            Tensor gr3 = gradT(6, sumBuffer(2), g);
            Tensor gx2 = sum(3, gr3, ffnGrad(x2, gradT(11, ffnOutput(x), gr3)));
            Tensor gr2 = gradT(5, sumBuffer(1), gx2);
            Table gc = (Table) grad(1, caIn, gradT(10, ca, gr2));
            gm = gc.tensor(1).add(gc.tensor(2));
            Tensor gx1 = sum(4, gr2, gc.tensor(0));
            Tensor gr1 = gradT(4, sumBuffer(0), gx1);
            gx = sum(5, gr1, first(grad(0, saIn, gradT(9, sa, gr1))));
        }
        return t.size() == 4 ? Table.of(gx, gm, t.tensor(2).zerosLike(), t.tensor(3).zerosLike()) : Table.of(gx, gm);
    }

    @Override public String name() {
        return "TransformerDecoderLayer(" + d + ", heads " + heads + ", ffn " + ffnSize + (p > 0 ? ", dropout " + p : "")
                + (normFirst ? ", pre-norm" : "") + (causal ? ", causal" : "") + ")";
    }
}
