package jtorch.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import jtorch.backend.Backends;
import jtorch.nn.Module;
import jtorch.nn.attention.MultiHeadAttention;
import jtorch.nn.attention.TorchNames;
import jtorch.nn.attention.TransformerDecoderLayer;
import jtorch.nn.attention.TransformerEncoderLayer;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MultiHeadAttention, TransformerEncoderLayer and TransformerDecoderLayer against PyTorch's nn.MultiheadAttention /
 * nn.TransformerEncoderLayer / nn.TransformerDecoderLayer (fixture golden/attention.json from
 * tools/golden/make_attention_golden.py; masks included): PyTorch's state_dict is renamed with {@link TorchNames} and
 * loaded strictly, then output, input gradients, every parameter gradient and (attention) the head-averaged weights
 * are compared. F64 on ref within 1e-10 relative (+1e-12); F32 on cpu 1e-4 relative (+1e-5).
 */
class AttentionGoldenTest {
    static final Golden.Kind F64 = new Golden.Kind("F64/ref", DType.F64, Backends.ref(), 1e-10, 1e-12);
    static final Golden.Kind F32 = new Golden.Kind("F32/cpu", DType.F32, Backends.cpu(), 1e-4, 1e-5);

    static List<Golden.Kind> kinds() { return List.of(F64, F32); }

    private static int integer(Map<String, Object> a, String k) { return ((Double) a.get(k)).intValue(); }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @MethodSource("kinds")
    void attentionModulesMatchPyTorch(Golden.Kind kind) {
        int n = 0;
        for (Map<String, Object> c : Golden.cases(Golden.load("attention.json"), "cases")) {
            Map<String, Object> a = (Map<String, Object>) c.get("args");
            String type = (String) c.get("module");
            Module m;
            UnaryOperator<String> rename;
            switch (type) {
                case "MultiHeadAttention" -> {
                    m = new MultiHeadAttention(integer(a, "embedDim"), integer(a, "numHeads"), 0, (Boolean) a.get("bias"),
                            (Boolean) a.get("causal"));
                    rename = TorchNames::multiheadAttention;
                }
                case "TransformerEncoderLayer" -> {
                    m = new TransformerEncoderLayer(integer(a, "dModel"), integer(a, "nHead"), integer(a, "dimFeedforward"),
                            0, (String) a.get("activation"), (Boolean) a.get("normFirst"), (Boolean) a.get("causal"), 1e-5,
                            !Boolean.FALSE.equals(a.get("bias")));
                    rename = TorchNames::encoderLayer;
                }
                default -> {
                    m = new TransformerDecoderLayer(integer(a, "dModel"), integer(a, "nHead"), integer(a, "dimFeedforward"),
                            0, (String) a.get("activation"), (Boolean) a.get("normFirst"), (Boolean) a.get("causal"), 1e-5,
                            !Boolean.FALSE.equals(a.get("bias")));
                    rename = TorchNames::decoderLayer;
                }
            }
            m = m.to(kind.dtype());
            Map<String, Tensor> state = new LinkedHashMap<>();
            ((Map<String, Object>) c.get("params")).forEach((k, v) -> state.put(rename.apply(k), Golden.tensor(v, kind)));
            m.stateDict().forEach((k, v) -> { if (k.endsWith(".generator")) state.put(k, v); }); // jtorch's Dropout state
            m.loadStateDict(state, true);
            m.zeroGradParameters();
            List<Object> ins = (List<Object>) c.get("inputs"), masks = (List<Object>) c.get("masks");
            List<Activity> entries = new ArrayList<>();
            for (Object o : ins) entries.add(Golden.tensor(o, kind));
            for (Object o : masks) entries.add(Golden.tensor(o, kind));
            Activity x = entries.size() == 1 ? entries.getFirst() : Table.of(entries);
            String what = c.get("name") + " " + m.name();
            double worst = Golden.assertMatches(what + " output", c.get("output"), m.forward(x), kind);
            if (m instanceof MultiHeadAttention mha) worst = Math.max(worst, Golden.assertMatches(what + " weights",
                    c.get("weights"), mha.attentionWeights().mean(1, false), kind));
            Activity gi = m.backward(x, Golden.tensor(c.get("gradOutput"), kind));
            List<Object> want = (List<Object>) c.get("gradInput");
            for (int i = 0; i < want.size(); i++) {
                Tensor got = gi instanceof Table t ? t.tensor(i) : (Tensor) gi;
                worst = Math.max(worst, Golden.assertMatches(what + " gradInput " + i, want.get(i), got, kind));
            }
            Map<String, Object> grads = (Map<String, Object>) c.get("grads");
            Map<String, Tensor> mine = new LinkedHashMap<>();
            for (Module.Parameter p : m.namedParameters()) mine.put(p.name(), p.gradient());
            for (Map.Entry<String, Object> g : grads.entrySet())
                worst = Math.max(worst, Golden.assertMatches(what + " grad " + g.getKey(), g.getValue(),
                        mine.get(rename.apply(g.getKey())), kind));
            assertEquals(grads.size(), mine.size(), what + ": parameter count");
            Golden.report(what, kind, worst);
            n++;
        }
        assertEquals(10, n, "fixture cases");
    }
}
