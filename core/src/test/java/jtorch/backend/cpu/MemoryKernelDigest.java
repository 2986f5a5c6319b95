package jtorch.backend.cpu;

import static jtorch.backend.cpu.KernelDigest.CPU;
import static jtorch.backend.cpu.KernelDigest.hash;
import static jtorch.backend.cpu.KernelDigest.input;

import java.util.List;
import java.util.Map;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * {@link KernelDigest}'s part for the memory-network kernels (sentence encoding with position and temporal encoding,
 * the memory read with softmax, both backward kernels) on a bAbI-sized batch that the 2 threads split.
 */
final class MemoryKernelDigest {
    private MemoryKernelDigest() {}

    static void put(Map<String, Long> d) {
        int b = 32, m = 50, j = 6, v = 40, dim = 20;
        int[] w = new int[b * m * j];
        long z = 77;
        for (int i = 0; i < w.length; i++) {
            z = z * 6364136223846793005L + 1442695040888963407L;
            w[i] = (int) ((z >>> 33) % (2 * v)) < v ? 0 : (int) ((z >>> 33) % v);
        }
        Tensor x = Tensor.of(w, b, m, j).to(CPU), emb = input(40, 1, false, v, dim), time = input(41, 1, false, m, dim);
        Tensor all = Tensor.zeros(CPU, DType.F32, 2, b, m, dim), mem = all.select(0, 0), c = all.select(0, 1);
        CPU.sentenceEncode(all, x, List.of(emb, emb.mul(0.5)), List.of(time, time.mul(2)), true);
        d.put("sentenceEncode", hash(all));
        CPU.sentenceEncode(all, x, List.of(emb, emb.mul(0.5)), null, false);
        d.put("sentenceEncode bag of words", hash(all));
        CPU.sentenceEncode(all, x, List.of(emb, emb.mul(0.5)), List.of(time, time.mul(2)), true);
        Tensor u = input(42, 1, false, b, dim), p = Tensor.zeros(CPU, DType.F32, b, m), o = Tensor.zeros(CPU, DType.F32, b, dim);
        CPU.memoryRead(p, o, mem, c, u, true);
        d.put("memoryRead", hash(p) ^ hash(o));
        Tensor gAll = input(43, 1, false, 2, b, m, dim), gm = gAll.select(0, 0), gc = gAll.select(0, 1), gu = o.zerosLike();
        CPU.memoryReadBackward(gm, gc, gu, input(45, 1, false, b, dim), p, mem, c, u, true);
        d.put("memoryReadBackward", hash(gm) ^ hash(gc) ^ hash(gu));
        Tensor ge = input(46, 1, false, v, dim), gt = input(47, 1, false, m, dim);
        Tensor ge2 = input(48, 1, false, v, dim), gt2 = input(49, 1, false, m, dim);
        CPU.sentenceEncodeBackward(List.of(ge, ge2), List.of(gt, gt2), x, gAll, true, 0.5);
        d.put("sentenceEncodeBackward", hash(ge) ^ hash(gt) ^ hash(ge2) ^ hash(gt2));
    }
}
