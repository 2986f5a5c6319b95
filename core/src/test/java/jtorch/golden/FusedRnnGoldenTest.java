package jtorch.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jtorch.backend.Backends;
import jtorch.nn.Module;
import jtorch.nn.rnn.GRU;
import jtorch.nn.rnn.LSTM;
import jtorch.nn.rnn.RNN;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused LSTM, GRU and RNN against PyTorch's nn.LSTM / nn.GRU / nn.RNN (fixture golden/fused_rnn.json from
 * tools/golden/make_fused_rnn_golden.py: 2 layers, bidirectional, given initial states, without bias): PyTorch's
 * state_dict is loaded under PyTorch's names (strict), then y (hN, cN), the input and state gradients and every
 * parameter gradient are compared. F64 on ref within 1e-10 relative (+1e-12); F32 on cpu 1e-4 relative (+1e-5).
 */
class FusedRnnGoldenTest {
    static final Golden.Kind F64 = new Golden.Kind("F64/ref", DType.F64, Backends.ref(), 1e-10, 1e-12);
    static final Golden.Kind F32 = new Golden.Kind("F32/cpu", DType.F32, Backends.cpu(), 1e-4, 1e-5);

    static List<Golden.Kind> kinds() { return List.of(F64, F32); }

    private static int integer(Map<String, Object> c, String k) { return ((Double) c.get(k)).intValue(); }

    static Module build(Map<String, Object> c) {
        int i = integer(c, "inputSize"), h = integer(c, "hiddenSize"), l = integer(c, "numLayers");
        boolean bias = (Boolean) c.get("bias"), bi = (Boolean) c.get("bidirectional");
        return switch ((String) c.get("module")) {
            case "LSTM" -> new LSTM(i, h, l, bias, 0, bi);
            case "GRU" -> new GRU(i, h, l, bias, 0, bi);
            case "RNN" -> new RNN(i, h, l, bias, 0, bi, (Boolean) c.get("relu"));
            default -> throw new IllegalArgumentException("unknown module " + c.get("module"));
        };
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @MethodSource("kinds")
    void fusedModulesMatchPyTorch(Golden.Kind kind) {
        int n = 0;
        for (Map<String, Object> c : Golden.cases(Golden.load("fused_rnn.json"), "cases")) {
            Module m = build(c).to(kind.dtype());
            Map<String, Tensor> state = new LinkedHashMap<>();
            ((Map<String, Object>) c.get("params")).forEach((k, v) -> state.put(k, Golden.tensor(v, kind)));
            m.loadStateDict(state, true);
            m.zeroGradParameters();
            List<Object> ins = (List<Object>) c.get("inputs"), out = (List<Object>) c.get("output"),
                    go = (List<Object>) c.get("gradOutput");
            Activity x = ins.size() == 1 ? Golden.tensor(ins.get(0), kind) : Golden.activity(ins, kind);
            Activity g = go.size() == 1 ? Golden.tensor(go.get(0), kind) : Golden.activity(go, kind);
            List<Object> gi = (List<Object>) c.get("gradInput");
            String what = m.toString();
            double worst = Golden.assertMatches(what + " output", out.size() == 1 ? out.get(0) : out, m.forward(x), kind);
            Activity got = m.backward(x, g);
            worst = Math.max(worst, Golden.assertMatches(what + " gradInput", gi.size() == 1 ? gi.get(0) : gi, got, kind));
            for (Module.Parameter p : m.namedParameters())
                worst = Math.max(worst, Golden.assertMatches(what + " grad " + p.name(),
                        ((Map<String, Object>) c.get("grads")).get(p.name()), p.gradient(), kind));
            Golden.report(what, kind, worst);
            n++;
        }
        assertEquals(8, n, "fixture cases run");
    }
}
