package jtorch.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import jtorch.nn.Module;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.SoftMax;
import jtorch.nn.layer.Linear;
import jtorch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Linear, LogSoftMax and SoftMax against PyTorch: output, gradient w.r.t. the input, Linear's parameter gradients. */
class ModulesGoldenTest {

    static java.util.List<Golden.Kind> kinds() { return Golden.kinds(); }

    @ParameterizedTest
    @MethodSource("kinds")
    void modulesMatchPyTorch(Golden.Kind kind) {
        int n = 0;
        for (Map<String, Object> c : Golden.cases(Golden.load("modules.json"), "cases")) {
            String name = (String) c.get("module");
            Module m;
            Linear lin = null;
            switch (name) {
                case "Linear" -> {
                    lin = new Linear(((Double) c.get("inputSize")).intValue(), ((Double) c.get("outputSize")).intValue());
                    lin.weight().set(Golden.tensor(c.get("weight"), kind));
                    lin.bias().set(Golden.tensor(c.get("bias"), kind));
                    lin.gradWeight().set(lin.weight().zerosLike());
                    lin.gradBias().set(lin.bias().zerosLike());
                    m = lin;
                }
                case "LogSoftMax" -> m = new LogSoftMax();
                case "SoftMax" -> m = new SoftMax();
                default -> throw new AssertionError("fixture names an unknown module " + name);
            }
            Tensor x = Golden.tensor(c.get("input"), kind), go = Golden.tensor(c.get("gradOutput"), kind);
            String what = name + " " + x.shape();
            double worst = Golden.assertMatches(what + " output", c.get("output"), m.forward(x), kind);
            worst = Math.max(worst, Golden.assertMatches(what + " gradInput", c.get("gradInput"), m.backward(x, go), kind));
            if (lin != null) {
                worst = Math.max(worst, Golden.assertMatches(what + " gradWeight", c.get("gradWeight"), lin.gradWeight(), kind));
                worst = Math.max(worst, Golden.assertMatches(what + " gradBias", c.get("gradBias"), lin.gradBias(), kind));
            }
            Golden.report(what, kind, worst);
            n++;
        }
        assertTrue(n >= 5, "fixture cases read: " + n);
    }
}
