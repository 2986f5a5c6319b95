package jtorch.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jtorch.backend.Backends;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The cpu row gather (repeated rows, strided rows on both sides, every dtype) gives the ref back end's values. */
class GatherRowsTest {
    @Test void sameValuesAsTheReference() {
        Tensor index = Tensor.of(new int[] {4, 1, 4, 0, 6, 4, 1}, 7);
        for (DType d : new DType[] {DType.F32, DType.F64, DType.I32}) {
            Tensor in = Tensor.randn(DType.F64, new Generator(3), 8, 40).mulInPlace(100).to(d).narrow(1, 2, 37);
            Tensor cpu = Tensor.zeros(d, 7, 45).narrow(1, 5, 37), ref = Tensor.zeros(d, 7, 37).to(Backends.ref());
            Backends.cpu().indexSelect(cpu, in, 0, index);
            Backends.ref().indexSelect(ref, in.to(Backends.ref()), 0, index.to(Backends.ref()));
            assertEquals(0, cpu.to(Backends.ref()).to(DType.F64).sub(ref.to(DType.F64)).abs().max(), 0, d.toString());
        }
        Tensor in = Tensor.randn(new Generator(4), 3, 5), out = Tensor.zeros(2, 5);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> Backends.cpu().indexSelect(out, in, 0, Tensor.of(new int[] {1, 3}, 2)));
        assertEquals("indexSelect: index 3 out of range [0, 3) at position 1", e.getMessage());
    }

    @Test void splitAcrossThreads() {
        int n = 3000;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = (i * 7) % 65;
        Tensor index = Tensor.of(idx, n), in = Tensor.randn(new Generator(6), 65, 512);
        Tensor ref = Tensor.zeros(n, 512).to(Backends.ref());
        Backends.ref().indexSelect(ref, in.to(Backends.ref()), 0, index.to(Backends.ref()));
        int saved = Parallel.threads();
        try {
            for (int t : new int[] {1, 2}) {
                Parallel.setThreads(t);
                Tensor cpu = Tensor.zeros(n, 512);
                Backends.cpu().indexSelect(cpu, in, 0, index);
                assertEquals(0, cpu.to(Backends.ref()).sub(ref).abs().max(), 0, t + " threads");
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
