package jtorch.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import jtorch.nn.Module;
import jtorch.nn.layer.Linear;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The tape is freed: a training loop over autograd code (plain ops, a module called twice, a criterion) keeps the
 * used heap after a full GC flat from step to step, and the module pool does not grow.
 */
class MemoryTest {

    private static long usedAfterGc() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, mem.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    @Test
    void trainingLoopDoesNotGrowTheHeap() {
        Generator g = new Generator(1);
        Tensor w1 = Tensor.randn(DType.F64, g, 64, 32).mulInPlace(0.1), b1 = Tensor.zeros(DType.F64, 64);
        Linear head = new Linear(64, 64).to(DType.F64);
        Tensor x = Tensor.randn(DType.F64, g, 16, 32);
        Tensor labels = Tensor.of(new int[16]);
        jtorch.nn.criterion.ClassNLLCriterion nll = new jtorch.nn.criterion.ClassNLLCriterion();
        Runnable step = () -> {
            Var w = Var.param(w1), b = Var.param(b1);
            Var h = Var.linear(Var.of(x), w, b).relu();
            h = Autograd.call(head, Autograd.call(head, h).tanh());
            Var loss = Autograd.loss(nll, h.logSoftmax(1), labels).add(h.square().mean().mul(1e-3));
            loss.backward();
            w1.addInPlace(-1e-3, w.grad());
            b1.addInPlace(-1e-3, b.grad());
            head.updateParameters(1e-3);
            head.zeroGradParameters();
        };
        for (int i = 0; i < 10; i++) step.run();
        long before = usedAfterGc();
        for (int i = 0; i < 150; i++) step.run();
        long after = usedAfterGc();
        // one step's tape holds about 16·64·8 B · ~20 tensors ≈ 160 KB; 150 leaked tapes would be ~24 MB
        assertTrue(after - before < 1 << 20, "used heap grew by " + (after - before) / 1024 + " KiB over 150 steps");
        assertEquals(2, ModuleCall.poolSize(head));
    }

    @Test
    void aModuleGraphDroppedWithoutBackwardFreesItsInstance() {
        Module lin = new Linear(8, 8).to(DType.F64);
        for (int i = 0; i < 200; i++) {
            Autograd.call(lin, Var.of(Tensor.ones(DType.F64, 2, 8))); // recorded (Linear has parameters), never backwarded
            if (i % 50 == 49) System.gc();
        }
        assertTrue(ModuleCall.poolSize(lin) <= 60, "pool of " + ModuleCall.poolSize(lin));
        List<Var> keep = List.of(Autograd.call(lin, Var.of(Tensor.ones(DType.F64, 2, 8))));
        assertEquals(1, keep.size());
    }
}
