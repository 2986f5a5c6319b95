package jtorch.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jtorch.backend.Backends;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The cpu row scatter (an embedding's gradient, repeated rows, strided src) gives the ref back end's bits. */
class ScatterRowsTest {
    @Test void sameBitsAsTheReference() {
        Generator g = new Generator(3);
        int[] idx = {4, 1, 4, 0, 6, 4, 1};
        Tensor index = Tensor.of(idx, 7, 1).expand(7, 37);
        Tensor src = Tensor.randn(g, 37, 7).t(); // [7, 37] with unit-stride columns: not the fast path
        Tensor srcRows = Tensor.randn(g, 7, 40).narrow(1, 2, 37);
        Tensor base = Tensor.randn(g, 8, 37);
        for (Tensor s : new Tensor[] {src, srcRows}) {
            Tensor cpu = base.to(Backends.cpu()).clone(), ref = base.to(Backends.ref()).clone();
            cpu.scatterAddInPlace(0, index.to(Backends.cpu()), s.to(Backends.cpu()));
            ref.scatterAddInPlace(0, index.to(Backends.ref()), s.to(Backends.ref()));
            assertEquals(0, cpu.to(Backends.ref()).sub(ref).abs().max(), 0);
            assertEquals(0, cpu.select(0, 2).sub(base.select(0, 2)).abs().max(), 0, "an untouched row");
        }
    }

    /** Large enough to split the columns across threads: the bits of 1 and 2 threads equal the reference's. */
    @Test void sameBitsOnAnyThreadCount() {
        Generator g = new Generator(5);
        int n = 2000, m = 256;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = (i * 13) % 65;
        Tensor index = Tensor.of(idx, n, 1).expand(n, m), src = Tensor.randn(g, n, m), base = Tensor.randn(g, 65, m);
        Tensor ref = base.to(Backends.ref()).clone();
        ref.scatterAddInPlace(0, index.to(Backends.ref()), src.to(Backends.ref()));
        int saved = Parallel.threads();
        try {
            for (int t : new int[] {1, 2}) {
                Parallel.setThreads(t);
                Tensor cpu = base.clone().scatterAddInPlace(0, index, src);
                assertEquals(0, cpu.to(Backends.ref()).sub(ref).abs().max(), 0, t + " threads");
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
