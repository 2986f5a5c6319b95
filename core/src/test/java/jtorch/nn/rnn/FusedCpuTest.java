package jtorch.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jtorch.backend.Backends;
import jtorch.backend.cpu.Parallel;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The fused modules on the cpu back end (F32, batch rows split across threads, packed recurrent weights) with a batch
 * large enough to be split: the same bits on 1 and 2 threads (outputs, input and state gradients, parameter
 * gradients), and within 2e-4 relative of the same module in F64 on the ref back end; bidirectional, 2 layers, masks.
 */
class FusedCpuTest {
    static List<Tensor> run(FusedRecurrent proto, DType dtype, jtorch.backend.Backend be, int threads) {
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            FusedRecurrent m = proto.clone().to(dtype);
            int t = 9, b = 21, rows = proto.numLayers() * (proto.isBidirectional() ? 2 : 1), hs = proto.hiddenSize();
            Generator g = new Generator(42);
            Tensor x = Tensor.randn(g, t, b, proto.inputSize()).to(dtype).to(be);
            x.narrow(0, 6, 3).select(1, 4).fillInPlace(0);
            x.narrow(0, 0, 2).select(1, 17).fillInPlace(0);
            List<Activity> in = new ArrayList<>(List.of(x, Tensor.randn(g, rows, b, hs).to(dtype).to(be)));
            List<Activity> go = new ArrayList<>(List.of(Tensor.randn(g, t, b, hs * (rows / proto.numLayers())).to(dtype).to(be),
                    Tensor.randn(g, rows, b, hs).to(dtype).to(be)));
            if (m instanceof LSTM) {
                in.add(Tensor.randn(g, rows, b, hs).to(dtype).to(be));
                go.add(Tensor.randn(g, rows, b, hs).to(dtype).to(be));
            }
            m.zeroGradParameters();
            Table out = (Table) m.forward(Table.of(in));
            List<Tensor> r = new ArrayList<>();
            for (int i = 0; i < out.size(); i++) r.add(out.tensor(i).clone());
            Table gi = (Table) m.backward(Table.of(in), Table.of(go));
            for (int i = 0; i < gi.size(); i++) r.add(gi.tensor(i).clone());
            for (Module.Parameter p : m.namedParameters()) r.add(p.gradient().clone());
            return r;
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test void sameBitsOnAnyThreadCountAndCloseToF64() {
        List<FusedRecurrent> ms = List.of(new LSTM(5, 48, 2, true, 0, true).maskZero(true),
                new GRU(5, 64, 1, true, 0, true).maskZero(true), new RNN(5, 128, 2, false, 0, false, false).maskZero(true));
        for (FusedRecurrent m : ms) {
            List<Tensor> one = run(m, DType.F32, Backends.cpu(), 1), two = run(m, DType.F32, Backends.cpu(), 2);
            List<Tensor> ref = run(m, DType.F64, Backends.ref(), 1);
            for (int i = 0; i < one.size(); i++) {
                assertEquals(0, one.get(i).sub(two.get(i)).abs().max(), 0, m + ": tensor " + i + ", 1 vs 2 threads");
                Tensor want = ref.get(i), got = one.get(i).to(DType.F64).to(Backends.ref());
                double err = got.sub(want).abs().max() / (1e-3 + want.abs().max());
                assertTrue(err < 2e-4, m + ": tensor " + i + " off by " + err + " relative");
            }
        }
    }
}
