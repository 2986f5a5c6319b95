package jtorch.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import jtorch.nn.Module;
import jtorch.nn.TensorModule;
import jtorch.nn.activation.HardShrink;
import jtorch.nn.activation.LogSigmoid;
import jtorch.nn.activation.SoftShrink;
import jtorch.nn.activation.SoftSign;
import jtorch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SoftShrink, HardShrink (λ = 0.5 and 1.25, inputs at exactly ±λ and 0), SoftSign and LogSigmoid (inputs to ±800)
 * against PyTorch's Softshrink, Hardshrink, Softsign and LogSigmoid (fixture golden/shrink.json from
 * tools/golden/make_shrink_golden.py): output and gradInput, F64 on ref and F32 on cpu ({@link Golden#kinds()}).
 */
class ShrinkGoldenTest {

    static java.util.List<Golden.Kind> kinds() { return Golden.kinds(); }

    private static Module build(Map<String, Object> c) {
        String name = (String) c.get("module");
        return switch (name) {
            case "SoftShrink" -> new SoftShrink((Double) c.get("lambda"));
            case "HardShrink" -> new HardShrink((Double) c.get("lambda"));
            case "SoftSign" -> new SoftSign();
            case "LogSigmoid" -> new LogSigmoid();
            default -> throw new IllegalStateException("no builder for fixture module " + name);
        };
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void transferFunctionsMatchPyTorch(Golden.Kind kind) {
        int n = 0;
        for (Map<String, Object> c : Golden.cases(Golden.load("shrink.json"), "cases")) {
            Module m = build(c).to(kind.dtype());
            TensorModule t = (TensorModule) m;
            Tensor x = Golden.tensor(c.get("input"), kind), go = Golden.tensor(c.get("gradOutput"), kind);
            double worst = Golden.assertMatches(m.name() + " output", c.get("output"), t.forward(x), kind);
            worst = Math.max(worst, Golden.assertMatches(m.name() + " gradInput", c.get("gradInput"), t.backward(x, go), kind));
            Golden.report(m.name(), kind, worst);
            n++;
        }
        assertEquals(6, n, "fixture cases read");
    }
}
