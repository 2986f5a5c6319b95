package jtorch.nn.attention;

import java.util.List;
import jtorch.nn.Module;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.nn.layer.Dropout;
import jtorch.nn.norm.LayerNormalization;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * PyTorch's {@code nn.TransformerEncoderLayer(dModel, nHead, dimFeedforward, dropout, activation, layer_norm_eps,
 * batch_first=False, norm_first)}. With f(x) = linear2(dropout(act(linear1(x)))) and SA the self-attention:
 * <pre>
 *   post-norm (default): x = norm1(x + dropout1(SA(x)));        y = norm2(x + dropout2(f(x)))
 *   pre-norm:            x = x + dropout1(SA(norm1(x)));        y = x + dropout2(f(norm2(x)))
 * </pre>
 * Input x [T, B, E] or {x, keyPaddingMask [B, T]} (nonzero = padded); {@code causal} masks key j &gt; i (PyTorch's
 * src_mask from {@code generate_square_subsequent_mask}, fixed here at construction). Output [T, B, E]. Activation
 * "relu" (PyTorch's default), "gelu" (tanh form, {@link jtorch.nn.activation.GELU}) or "gelu_exact" (erf form,
 * PyTorch's "gelu"). Biases everywhere, or none ({@code bias = false}).
 * <p>Children, in this order (parameter names {@code 0.in_proj_weight}, {@code 1.weight}, ...): 0 self_attn
 * ({@link MultiHeadAttention}), 1 linear1, 2 linear2, 3 norm1, 4 norm2, 5 activation, 6 dropout, 7 dropout1,
 * 8 dropout2; {@link TorchNames#encoderLayer} renames a PyTorch state_dict to these names.
 */
public class TransformerEncoderLayer extends TransformerLayer implements TensorModule {
    public static final ModuleType<TransformerEncoderLayer> TYPE = ModuleType.container("TransformerEncoderLayer",
            TransformerEncoderLayer.class,
            m -> args(m, 5),
            (a, ch) -> new TransformerEncoderLayer(a.integer("dModel"), a.integer("nHead"), a.integer("dimFeedforward"),
                    a.number("dropout"), a.bool("gelu") ? "gelu" : "relu", a.bool("normFirst"), a.bool("causal"),
                    a.number("eps"), ch));
    private Tensor attn, x1, n1, n2;
    private Activity attnIn;

    /** PyTorch's defaults: dimFeedforward 2048 is large, so it is always given here; dropout 0.1, relu, post-norm. */
    public TransformerEncoderLayer(int dModel, int nHead, int dimFeedforward) {
        this(dModel, nHead, dimFeedforward, 0.1, "relu", false, false, 1e-5);
    }

    public TransformerEncoderLayer(int dModel, int nHead, int dimFeedforward, double dropout, String activation,
                                   boolean normFirst, boolean causal, double eps) {
        this(dModel, nHead, dimFeedforward, dropout, activation, normFirst, causal, eps, true, null);
    }

    /**
     * With {@code bias = false}, no biases anywhere: the attention's projections, linear1, linear2 and the norms' β
     * (PyTorch 2.1's {@code bias=False}; nanoGPT's {@code bias=False} blocks).
     */
    public TransformerEncoderLayer(int dModel, int nHead, int dimFeedforward, double dropout, String activation,
                                   boolean normFirst, boolean causal, double eps, boolean bias) {
        this(dModel, nHead, dimFeedforward, dropout, activation, normFirst, causal, eps, bias, null);
    }

    private TransformerEncoderLayer(int dModel, int nHead, int dimFeedforward, double dropout, String activation,
                                    boolean normFirst, boolean causal, double eps, List<Module> children) {
        this(dModel, nHead, dimFeedforward, dropout, activation, normFirst, causal, eps, true, children);
    }

    private TransformerEncoderLayer(int dModel, int nHead, int dimFeedforward, double dropout, String activation,
                                    boolean normFirst, boolean causal, double eps, boolean bias, List<Module> children) {
        super(dModel, nHead, dimFeedforward, dropout, normFirst, causal, eps, children, 9);
        if (children == null) {
            add(new MultiHeadAttention(dModel, nHead, dropout, bias, causal));
            add(linear(dModel, dimFeedforward, bias)).add(linear(dimFeedforward, dModel, bias));
            add(norm(dModel, eps, bias)).add(norm(dModel, eps, bias)).add(activation(activation));
            add(dropout(dropout)).add(dropout(dropout)).add(dropout(dropout));
        }
    }

    public MultiHeadAttention selfAttention() { return (MultiHeadAttention) get(0); }
    public LayerNormalization norm1() { return (LayerNormalization) get(3); }
    public LayerNormalization norm2() { return (LayerNormalization) get(4); }

    /** Freezes the dropout masks of every dropout child (for finite-difference checks); returns this. */
    public TransformerEncoderLayer freezeNoise(boolean freeze) {
        selfAttention().freezeNoise(freeze);
        for (int i = 6; i < 9; i++) ((Dropout) get(i)).freezeNoise(freeze);
        return this;
    }

    @Override protected int[] ffnChildren() { return new int[] {1, 2, 5, 6}; }

    @Override public TransformerEncoderLayer clone() { return (TransformerEncoderLayer) super.clone(); }

    private Tensor x(Activity input) {
        Tensor x = input instanceof Table t && t.size() == 2 ? t.tensor(0) : input instanceof Tensor tt ? tt : null;
        if (x == null || x.dim() != 3 || x.size(2) != d) throw new IllegalArgumentException(name() + ": expected x [T, B, "
                + d + "] or {x, keyPaddingMask [B, T]}, got " + (x == null ? input : x.shape()));
        return x;
    }

    private Activity attnInput(Activity input, Tensor h) {
        return input instanceof Table t ? Table.of(h, t.get(1)) : h;
    }

    @Override public Activity updateOutput(Activity input) {
        started();
        Tensor x = x(input);
        if (normFirst) {
            n1 = fwd(3, x);
            attnIn = attnInput(input, n1);
            attn = fwd(0, attnIn);
            x1 = sum(0, x, fwd(7, attn));
            n2 = fwd(4, x1);
            return sum(1, x1, fwd(8, ffn(n2)));
        }
        attnIn = attnInput(input, x);
        attn = fwd(0, attnIn);
        Tensor r1 = sum(0, x, fwd(7, attn));
        x1 = fwd(3, r1);
        Tensor r2 = sum(1, x1, fwd(8, ffn(x1)));
        return fwd(4, r2);
    }

    private Tensor attnGrad(Tensor g) {
        Activity gi = grad(0, attnIn, gradT(7, attn, g));
        return gi instanceof Table t ? t.tensor(0) : (Tensor) gi;
    }

    @Override protected Activity inputGrad(Activity input, Activity gradOutput) {
        Tensor x = x(input), g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(x)) throw new IllegalArgumentException(name() + ": gradOutput " + g.shape()
                + " differs from the input " + x.shape());
        Tensor gx;
        if (normFirst) {
            Tensor gf = gradT(8, ffnOutput(x), g);
            Tensor gx1 = sum(2, g, gradT(4, x1, ffnGrad(n2, gf)));
            gx = sum(3, gx1, gradT(3, x, attnGrad(gx1)));
        } else {
            Tensor gr2 = gradT(4, sumBuffer(1), g);
            Tensor gx1 = sum(2, gr2, ffnGrad(x1, gradT(8, ffnOutput(x), gr2)));
            Tensor gr1 = gradT(3, sumBuffer(0), gx1);
            gx = sum(3, gr1, attnGrad(gr1));
        }
        return input instanceof Table t ? Table.of(gx, t.tensor(1).zerosLike()) : gx;
    }

    @Override public String name() {
        return "TransformerEncoderLayer(" + d + ", heads " + heads + ", ffn " + ffnSize + (p > 0 ? ", dropout " + p : "")
                + (normFirst ? ", pre-norm" : "") + (causal ? ", causal" : "") + ")";
    }
}
