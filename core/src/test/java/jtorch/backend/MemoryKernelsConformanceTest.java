package jtorch.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jtorch.backend.cpu.Parallel;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The memory-network kernels {@link Backend#sentenceEncode}, {@link Backend#sentenceEncodeBackward}, {@link
 * Backend#memoryRead} and {@link Backend#memoryReadBackward}: cpu F32 and ref F32 against the ref F64 oracle on the
 * same F32-representable inputs, for d below, at and off the vector length (5, 16, 20, 37), position encoding and bags
 * of words, with and without temporal encoding, softmax and linear reads, strided views (memories as slices of a
 * stacked tensor, words and controller as narrowed views), nil words in the middle, all-nil sentences and repeated
 * words; two embeddings in one call and a question ([1, B, 1, d]); the cpu kernels give the same bits on a second call and
 * with 1, 2 and 3 threads on a bAbI-sized batch
 * (split into several chunks); an out-of-range word index is refused with the operation's name.
 */
class MemoryKernelsConformanceTest {
    static final Backend CPU = Backends.cpu(), REF = Backends.ref();

    /** Words [b, m, j] in [0, v): about a third nil (anywhere), every 5th sentence all nil. */
    static Tensor words(long seed, int b, int m, int j, int v) {
        Generator g = new Generator(seed);
        int[] w = new int[b * m * j];
        for (int s = 0; s < b * m; s++)
            for (int k = 0; k < j; k++) w[s * j + k] = s % 5 == 4 || g.nextInt(3) == 0 ? 0 : 1 + g.nextInt(v - 1);
        return Tensor.of(w, b, m, j);
    }

    static Tensor randn(long seed, int... sizes) { return Tensor.randn(DType.F32, new Generator(seed), sizes); }

    /** One workload through the four kernels of {@code be} in {@code dt}, from the same F32 values; the results. */
    static List<Tensor> run(Backend be, DType dt, int b, int m, int j, int v, int d, boolean position, boolean time,
                            boolean softmax) {
        Tensor x = words(1, b, m, 2 * j, v).narrow(2, 1, j).to(be);                     // [b, m, j], strided
        Tensor emb = randn(2, v, d).to(dt).to(be), t = time ? randn(3, m, d).to(dt).to(be) : null;
        List<Tensor> ts = time ? List.of(t, t.mul(-1)) : null;
        Tensor stack = Tensor.zeros(be, dt, 2, b, m, d), mem = stack.select(0, 0), c = stack.select(0, 1);
        be.sentenceEncode(stack, x, List.of(emb, emb.mul(0.5)), ts, position);
        Tensor u = randn(4, b, 2 * d).narrow(1, 0, d).to(dt).to(be), p = Tensor.zeros(be, dt, b, m), o = Tensor.zeros(be, dt, b, d);
        be.memoryRead(p, o, mem, c, u, softmax);
        Tensor g = randn(5, b, d).to(dt).to(be), gAll = randn(6, 2, b, m, d).to(dt).to(be);
        Tensor gu = Tensor.zeros(be, dt, b, d);
        be.memoryReadBackward(gAll.select(0, 0), gAll.select(0, 1), gu, g, p, mem, c, u, softmax);
        Tensor gEmb = randn(7, v, d).to(dt).to(be), gEmb2 = randn(8, v, d).to(dt).to(be);
        List<Tensor> gTimes = time ? List.of(randn(9, m, d).to(dt).to(be), randn(10, m, d).to(dt).to(be)) : null;
        be.sentenceEncodeBackward(List.of(gEmb, gEmb2), gTimes, x, gAll, position, 0.7);
        Tensor gq = randn(11, v, d).to(dt).to(be);                                        // a question: [1, b, 1, d]
        be.sentenceEncodeBackward(List.of(gq), null, x.select(1, 2).unsqueeze(1), g.unsqueeze(0).unsqueeze(2), position, 0.7);
        List<Tensor> r = new ArrayList<>(List.of(mem, c, p, o, gAll, gu, gEmb, gEmb2, gq));
        if (time) r.addAll(gTimes);
        return r;
    }

    static void assertClose(String label, List<Tensor> want, List<Tensor> got, double tol) {
        for (int i = 0; i < want.size(); i++) {
            double[] a = want.get(i).toDoubleArray(), b = got.get(i).toDoubleArray();
            assertEquals(a.length, b.length, label);
            for (int k = 0; k < a.length; k++)
                assertEquals(a[k], b[k], tol * (1 + Math.abs(a[k])), label + ": result " + i + " element " + k);
        }
    }

    @Test void cpuAndRefF32MatchTheF64Oracle() {
        for (int d : new int[] {5, 16, 20, 37})
            for (boolean position : new boolean[] {false, true})
                for (boolean time : new boolean[] {false, true})
                    for (boolean softmax : new boolean[] {false, true}) {
                        String label = "d " + d + (position ? " PE" : " BoW") + (time ? " TE" : "") + (softmax ? " softmax" : " linear");
                        List<Tensor> want = run(REF, DType.F64, 3, 7, 5, 11, d, position, time, softmax);
                        assertClose("cpu " + label, want, run(CPU, DType.F32, 3, 7, 5, 11, d, position, time, softmax), 2e-5);
                        assertClose("ref F32 " + label, want, run(REF, DType.F32, 3, 7, 5, 11, d, position, time, softmax), 2e-5);
                    }
    }

    @Test void sentenceEncodingIsTheWeightedSumOfTheRows() {
        // sentence (2, 0, 2, 1): L = 3 non-nil words at positions j = 1, 3, 4; d = 1: l = (1 - 1) - (j/3)(1 - 2) = j/3
        Tensor x = Tensor.of(new int[] {2, 0, 2, 1}, 1, 1, 4);
        Tensor emb = Tensor.of(new double[] {100, 3, 5}, 3, 1);
        for (Backend be : List.of(REF, CPU))
            for (DType dt : List.of(DType.F32, DType.F64)) {
                Tensor out = Tensor.zeros(be, dt, 1, 1, 1, 1), e = emb.to(dt).to(be);
                be.sentenceEncode(out, x.to(be), List.of(e), null, true);
                assertEquals(5 / 3.0 + 5 * 3 / 3.0 + 3 * 4 / 3.0, out.get(0, 0, 0, 0), 1e-5, be.name() + " " + dt);
                be.sentenceEncode(out, x.to(be), List.of(e), List.of(Tensor.of(new double[] {0.5}, 1, 1).to(dt).to(be)), false);
                assertEquals(5 + 5 + 3 + 0.5, out.get(0, 0, 0, 0), 1e-5, be.name() + " " + dt);
            }
    }

    @Test void cpuBitsAreTheSameOnEveryCallAndThreadCount() {
        int saved = Parallel.threads();
        try {
            List<double[]> first = null;
            for (int threads : new int[] {2, 2, 1, 3}) {
                Parallel.setThreads(threads);
                List<double[]> got = run(CPU, DType.F32, 32, 50, 6, 40, 20, true, true, true).stream()
                        .map(Tensor::toDoubleArray).toList();
                if (first == null) first = got;
                else for (int i = 0; i < got.size(); i++) assertArrayEquals(first.get(i), got.get(i), 0, threads + " threads, result " + i);
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test void anOutOfRangeWordNamesTheOperation() {
        for (Backend be : List.of(REF, CPU)) {
            Tensor x = Tensor.of(new int[] {1, 4, 0, 0}, 1, 2, 2).to(be), emb = Tensor.zeros(be, DType.F32, 4, 3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> be.sentenceEncode(Tensor.zeros(be, DType.F32, 1, 1, 2, 3), x, List.of(emb), null, true));
            assertTrue(e.getMessage().contains("sentenceEncode: word index 4 out of range [0, 4)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> be.sentenceEncodeBackward(List.of(emb), null, x,
                    Tensor.zeros(be, DType.F32, 1, 1, 2, 3), false, 1));
            assertTrue(e.getMessage().contains("word index 4"), e.getMessage());
        }
    }
}
