package jtorch.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jtorch.backend.Backends;
import jtorch.io.ModuleRegistry;
import jtorch.nn.conv.Convolution;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convolution modules against PyTorch's ConvNd / ConvTransposeNd (fixture golden/conv.json from
 * tools/golden/make_conv_golden.py): output, gradient w.r.t. the input, the weight and the bias. The modules are built
 * from their model-file description ({@code {"type": ..., "args": ...}}) with the fixture's arguments.
 * Tolerances: F64 on ref 1e-10 relative (+1e-12); F32 on cpu 1e-4 relative (+1e-5 absolute: inputs are multiples of
 * 1/64, exact in F32, so the error is F32 rounding of the sums).
 */
class ConvGoldenTest {
    static final Golden.Kind F64 = new Golden.Kind("F64/ref", DType.F64, Backends.ref(), 1e-10, 1e-12);
    static final Golden.Kind F32 = new Golden.Kind("F32/cpu", DType.F32, Backends.cpu(), 1e-4, 1e-5);

    static List<Golden.Kind> kinds() { return List.of(F64, F32); }

    @SuppressWarnings("unchecked")
    private static String ints(Object list) {
        return ((List<Object>) list).stream().map(v -> String.valueOf(((Double) v).intValue())).toList().toString();
    }

    private static Convolution build(Map<String, Object> c) {
        StringBuilder args = new StringBuilder();
        args.append("\"nInputPlane\":").append(((Double) c.get("nInputPlane")).intValue())
                .append(",\"nOutputPlane\":").append(((Double) c.get("nOutputPlane")).intValue());
        for (String k : new String[] {"kernel", "stride", "padding", "dilation", "outputPadding"}) {
            if (c.containsKey(k)) args.append(",\"").append(k).append("\":").append(ints(c.get(k)));
        }
        args.append(",\"groups\":").append(((Double) c.get("groups")).intValue()).append(",\"bias\":").append(c.get("withBias"));
        String json = "{\"type\":\"" + c.get("module") + "\",\"args\":{" + args + "}}";
        return (Convolution) ModuleRegistry.fromJson(json);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void convolutionsMatchPyTorch(Golden.Kind kind) {
        int n = 0;
        for (Map<String, Object> c : Golden.cases(Golden.load("conv.json"), "cases")) {
            Convolution m = build(c).to(kind.dtype());
            m.weight().set(Golden.tensor(c.get("weight"), kind));
            m.gradWeight().set(m.weight().zerosLike());
            boolean bias = (Boolean) c.get("withBias");
            if (bias) {
                m.bias().set(Golden.tensor(c.get("bias"), kind));
                m.gradBias().set(m.bias().zerosLike());
            }
            Tensor x = Golden.tensor(c.get("input"), kind), go = Golden.tensor(c.get("gradOutput"), kind);
            String what = m + " " + x.shape();
            double worst = Golden.assertMatches(what + " output", c.get("output"), m.forward(x), kind);
            worst = Math.max(worst, Golden.assertMatches(what + " gradInput", c.get("gradInput"), m.backward(x, go), kind));
            worst = Math.max(worst, Golden.assertMatches(what + " gradWeight", c.get("gradWeight"), m.gradWeight(), kind));
            if (bias) worst = Math.max(worst, Golden.assertMatches(what + " gradBias", c.get("gradBias"), m.gradBias(), kind));
            Golden.report(what, kind, worst);
            n++;
        }
        assertTrue(n >= 11, "fixture cases read: " + n);
    }
}
