package jtorch.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import jtorch.autograd.AutogradModule;
import jtorch.autograd.Params;
import jtorch.autograd.Var;
import jtorch.nn.Module;

/**
 * The 784-256-128-10 ReLU/LogSoftMax MLP of {@link TrainStep} written as autograd code, with the weights of a given
 * module version copied in (so both start from the same point): {@code fused} uses {@link Var#linear} (one
 * x·Wᵀ + b operation per layer, as PyTorch's F.linear), otherwise {@code x.mm(w.t()).add(b)} (two operations).
 */
final class AutogradMlp {
    private AutogradMlp() {}

    static AutogradModule of(Module modules, boolean fused) {
        Map<String, jtorch.tensor.Tensor> init = new LinkedHashMap<>();
        for (Module.Parameter p : modules.namedParameters()) init.put(p.name().replace('.', '_'), p.weight());
        return AutogradModule.of(fused ? "MLP autograd (linear)" : "MLP autograd (mm + add)", init,
                (p, x) -> forward(p, x, fused));
    }

    private static Var layer(Params p, Var x, int i, boolean fused) {
        Var w = p.get(i + "_weight"), b = p.get(i + "_bias");
        return fused ? Var.linear(x, w, b) : x.mm(w.t()).add(b);
    }

    private static Var forward(Params p, Var x, boolean fused) {
        Var h = layer(p, x, 0, fused).relu();
        h = layer(p, h, 2, fused).relu();
        return layer(p, h, 4, fused).logSoftmax(1);
    }
}
