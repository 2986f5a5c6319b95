package jtorch.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jtorch.backend.Backends;
import jtorch.backend.cpu.Parallel;
import jtorch.tensor.Tensor;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: F32 GEMM {@code C = A·B} (beta 0) on the cpu back end, shapes M×N×K, on 1 and 2 threads. The primary score is
 * calls/s; the secondary {@code gflop} score is GFLOP/s (2·M·N·K per call). Run:
 * {@code java -jar bench/target/jtorch-bench.jar GemmBench} (add {@code -jvmArgsAppend -XX:UseAVX=2} for 256-bit).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class GemmBench {
    /** M×N×K with an optional :tA tB suffix, as {@link GemmSideBySide} takes. */
    @Param({"64x64x64", "256x256x256", "1024x1024x1024", "2048x2048x2048",
            "64x1500x3072", "3072x1500x64", "64x3072x1500", "64x10x1500"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    Tensor a, b, c;
    double gflopPerCall;

    /** GFLOP counter reported by JMH as a rate (GFLOP/s). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public double gflop;
    }

    @Setup(Level.Trial)
    public void setup() {
        String[] parts = shape.split(":");
        String[] d = parts[0].split("x");
        int m = Integer.parseInt(d[0]), n = Integer.parseInt(d[1]), k = Integer.parseInt(d[2]);
        String tr = parts.length > 1 ? parts[1] : "nn";
        SplittableRandom r = new SplittableRandom(1);
        a = tr.charAt(0) == 't' ? GemmSideBySide.rand(r, k, m).t() : GemmSideBySide.rand(r, m, k);
        b = tr.charAt(1) == 't' ? GemmSideBySide.rand(r, n, k).t() : GemmSideBySide.rand(r, k, n);
        c = GemmSideBySide.rand(r, m, n);
        gflopPerCall = 2.0 * m * n * k / 1e9;
        Parallel.setThreads(threads);
    }

    @Benchmark
    public Tensor gemm(Flops f) {
        Backends.cpu().gemm(1, a, b, 0, c);
        f.gflop += gflopPerCall;
        return c;
    }
}
