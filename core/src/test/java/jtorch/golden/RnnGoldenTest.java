package jtorch.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jtorch.backend.Backends;
import jtorch.nn.Module;
import jtorch.nn.rnn.GRUCell;
import jtorch.nn.rnn.LSTMCell;
import jtorch.nn.rnn.LookupTable;
import jtorch.nn.rnn.RNNCell;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RNNCell, LSTMCell, GRUCell and LookupTable against PyTorch's nn.RNNCell / LSTMCell / GRUCell / Embedding (fixture
 * golden/rnn.json from tools/golden/make_rnn_golden.py): PyTorch's parameters are loaded under PyTorch's names with
 * loadStateDict (strict), then output, input gradients and parameter gradients are compared (for max-norm also the
 * renormalised weight). F64 on ref within 1e-10 relative (+1e-12); F32 on cpu 1e-4 relative (+1e-5: the fixture's
 * values are not exact in F32).
 */
class RnnGoldenTest {
    static final Golden.Kind F64 = new Golden.Kind("F64/ref", DType.F64, Backends.ref(), 1e-10, 1e-12);
    static final Golden.Kind F32 = new Golden.Kind("F32/cpu", DType.F32, Backends.cpu(), 1e-4, 1e-5);

    static List<Golden.Kind> kinds() { return List.of(F64, F32); }

    private static int integer(Map<String, Object> c, String k) { return ((Double) c.get(k)).intValue(); }

    private static Module build(Map<String, Object> c) {
        String kind = (String) c.get("module");
        if (kind.equals("LookupTable")) return new LookupTable(integer(c, "nIndex"), integer(c, "nOutput"),
                integer(c, "paddingIndex"), (Double) c.get("maxNorm"), (Double) c.get("normType"));
        int i = integer(c, "inputSize"), h = integer(c, "hiddenSize");
        boolean bias = (Boolean) c.get("bias");
        return switch (kind) {
            case "RNNCell" -> new RNNCell(i, h, bias, (Boolean) c.get("relu"));
            case "LSTMCell" -> new LSTMCell(i, h, bias);
            case "GRUCell" -> new GRUCell(i, h, bias);
            default -> throw new IllegalArgumentException("unknown module " + kind);
        };
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @MethodSource("kinds")
    void recurrentModulesMatchPyTorch(Golden.Kind kind) {
        int n = 0;
        for (Map<String, Object> c : Golden.cases(Golden.load("rnn.json"), "cases")) {
            Module m = build(c).to(kind.dtype());
            Map<String, jtorch.tensor.Tensor> state = new LinkedHashMap<>();
            ((Map<String, Object>) c.get("params")).forEach((k, v) -> state.put(k, Golden.tensor(v, kind)));
            m.loadStateDict(state, true);
            m.zeroGradParameters();
            boolean lookup = m instanceof LookupTable;
            Activity x = lookup ? Golden.tensor(c.get("indices"), kind) : Golden.activity(c.get("inputs"), kind);
            List<Object> out = (List<Object>) c.get("output"), go = (List<Object>) c.get("gradOutput");
            Activity g = go.size() == 1 ? Golden.tensor(go.get(0), kind) : Golden.activity(go, kind);
            String what = m.toString();
            double worst = Golden.assertMatches(what + " output", out.size() == 1 ? out.get(0) : out, m.forward(x), kind);
            Activity gi = m.backward(x, g);
            if (!lookup) worst = Math.max(worst, Golden.assertMatches(what + " gradInput", c.get("gradInput"), gi, kind));
            else worst = Math.max(worst, Golden.assertMatches(what + " weight after forward", c.get("weightAfter"),
                    ((LookupTable) m).weight(), kind));
            for (Module.Parameter p : m.namedParameters())
                worst = Math.max(worst, Golden.assertMatches(what + " grad " + p.name(),
                        ((Map<String, Object>) c.get("grads")).get(p.name()), p.gradient(), kind));
            Golden.report(what, kind, worst);
            n++;
        }
        assertTrue(n == 10, "fixture cases: " + n);
    }
}
