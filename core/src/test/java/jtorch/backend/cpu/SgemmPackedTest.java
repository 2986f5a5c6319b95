package jtorch.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backend;
import jtorch.backend.Backends;
import jtorch.backend.PackedMatrix;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * gemmPacked (B packed once by the cpu back end) against the ref F64 product: full and edge tiles, a transposed B
 * view, beta 0 (NaN in C ignored) and beta ≠ 0, a C that is a column block of a wider tensor, and the same bits with
 * 1 and 2 threads and on a second call; the ref back end's default pack/gemmPacked too.
 */
class SgemmPackedTest {
    static final Backend CPU = Backends.cpu(), REF = Backends.ref();

    @Test void matchesTheProduct() {
        int[][] shapes = {{50, 128, 512}, {50, 512, 128}, {7, 19, 45}, {13, 33, 70}, {1, 3, 1}, {25, 64, 32}};
        int saved = Parallel.threads();
        try {
            for (int[] s : shapes) for (boolean transposed : new boolean[] {false, true}) for (double beta : new double[] {0, 0.5}) {
                int m = s[0], k = s[1], n = s[2];
                Generator g = new Generator(m * 1000L + k * 10L + n);
                Tensor a = Tensor.randn(g, m, k).to(CPU);
                Tensor b = transposed ? Tensor.randn(g, n, k).to(CPU).t() : Tensor.randn(g, k, n).to(CPU);
                Tensor c0 = Tensor.randn(g, m, n).to(CPU);
                if (beta == 0) c0.set(Double.NaN, 0, 0);
                Tensor want = c0.to(DType.F64).to(REF).mulInPlace(beta == 0 ? 0 : beta);
                if (beta == 0) want.set(0, 0, 0);
                want.addmmInPlace(1, 1.5, a.to(DType.F64).to(REF), b.to(DType.F64).to(REF));
                PackedMatrix p = CPU.pack(b);
                Tensor[] got = new Tensor[3];
                for (int r = 0; r < 3; r++) {
                    Parallel.setThreads(r == 0 ? 1 : 2);
                    Tensor wide = Tensor.zeros(CPU, DType.F32, m, n + 3);
                    got[r] = wide.narrow(1, 2, n).copy(c0);
                    CPU.gemmPacked(1.5, a, p, beta, got[r]);
                }
                String what = m + "x" + k + "x" + n + (transposed ? " Bt" : "") + " beta " + beta;
                double err = got[0].to(DType.F64).to(REF).sub(want).abs().max() / (1 + want.abs().max());
                assertTrue(err < 1e-5, what + ": off by " + err);
                assertEquals(0, got[0].sub(got[1]).abs().max(), 0, what + ": 1 vs 2 threads");
                assertEquals(0, got[1].sub(got[2]).abs().max(), 0, what + ": second call");
                Tensor r = c0.to(DType.F64).to(REF);
                REF.gemmPacked(1.5, a.to(DType.F64).to(REF), REF.pack(b.to(DType.F64).to(REF)), beta, r);
                assertTrue(r.sub(want).abs().max() < 1e-9, what + " ref");
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
