package jtorch.nn.attention;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jtorch.tensor.Tensor;

/**
 * Renames PyTorch state_dict keys to this package's parameter names, one to one, so that
 * {@code module.loadStateDict(TorchNames.encoderLayer(torchState), true)} loads a PyTorch layer:
 * <pre>
 *   nn.MultiheadAttention      in_proj_weight, in_proj_bias -&gt; the same; out_proj.weight, out_proj.bias -&gt;
 *                              out_proj_weight, out_proj_bias (jtorch names carry no '.')
 *   nn.TransformerEncoderLayer self_attn.X -&gt; 0.X (X renamed as above), linear1.* -&gt; 1.*, linear2.* -&gt; 2.*,
 *                              norm1.* -&gt; 3.*, norm2.* -&gt; 4.*
 *   nn.TransformerDecoderLayer self_attn.X -&gt; 0.X, multihead_attn.X -&gt; 1.X, linear1 -&gt; 2, linear2 -&gt; 3,
 *                              norm1 -&gt; 4, norm2 -&gt; 5, norm3 -&gt; 6
 * </pre>
 * A key outside these patterns throws, naming it and the known prefixes. The layers' Dropout children also hold a
 * jtorch-only buffer {@code N.generator} (their random state), absent from PyTorch's state_dict: load with strict =
 * false, or add the layer's own ones ({@code layer.stateDict()}) to the renamed map.
 */
public final class TorchNames {
    private TorchNames() {}

    private static final List<String> ENCODER = List.of("self_attn.", "linear1.", "linear2.", "norm1.", "norm2.");
    private static final List<String> DECODER = List.of("self_attn.", "multihead_attn.", "linear1.", "linear2.",
            "norm1.", "norm2.", "norm3.");

    /** A {@code nn.MultiheadAttention} state_dict key as a {@link MultiHeadAttention} parameter name. */
    public static String multiheadAttention(String key) {
        String k = key.startsWith("out_proj.") ? "out_proj_" + key.substring("out_proj.".length()) : key;
        if (!List.of("in_proj_weight", "in_proj_bias", "out_proj_weight", "out_proj_bias").contains(k))
            throw new IllegalArgumentException("TorchNames: '" + key + "' is not a key of nn.MultiheadAttention "
                    + "(in_proj_weight, in_proj_bias, out_proj.weight, out_proj.bias; separate q/k/v weights are not supported)");
        return k;
    }

    /** A {@code nn.TransformerEncoderLayer} key as a {@link TransformerEncoderLayer} parameter name. */
    public static String encoderLayer(String key) { return layer(key, ENCODER, "nn.TransformerEncoderLayer"); }

    /** A {@code nn.TransformerDecoderLayer} key as a {@link TransformerDecoderLayer} parameter name. */
    public static String decoderLayer(String key) { return layer(key, DECODER, "nn.TransformerDecoderLayer"); }

    private static String layer(String key, List<String> prefixes, String what) {
        for (int i = 0; i < prefixes.size(); i++) {
            String p = prefixes.get(i);
            if (!key.startsWith(p)) continue;
            String rest = key.substring(p.length());
            return i + "." + (p.endsWith("attn.") ? multiheadAttention(rest) : rest);
        }
        throw new IllegalArgumentException("TorchNames: '" + key + "' is not a key of " + what + " (prefixes " + prefixes + ")");
    }

    /** A whole {@code nn.MultiheadAttention} state_dict, renamed. */
    public static Map<String, Tensor> multiheadAttention(Map<String, Tensor> state) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(multiheadAttention(k), v));
        return out;
    }

    /** A whole {@code nn.TransformerEncoderLayer} state_dict, renamed. */
    public static Map<String, Tensor> encoderLayer(Map<String, Tensor> state) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(encoderLayer(k), v));
        return out;
    }

    /** A whole {@code nn.TransformerDecoderLayer} state_dict, renamed. */
    public static Map<String, Tensor> decoderLayer(Map<String, Tensor> state) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(decoderLayer(k), v));
        return out;
    }
}
