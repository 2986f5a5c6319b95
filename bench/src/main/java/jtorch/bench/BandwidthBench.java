package jtorch.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import jtorch.backend.cpu.Parallel;
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
 * The machine's memory bandwidth as plain Java sees it, STREAM style, on float arrays of n elements (64M: 256 MB each,
 * far beyond L3): copy c = a (8 bytes per element), triad a = b + s·c (12 bytes per element), with vector loops split
 * over 1 or 2 threads. GB/s = bytes · n / time. The element-wise benchmarks are judged against these figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class BandwidthBench {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    @Param({"67108864"}) public int n;
    @Param({"1", "2"}) public int threads;
    float[] a, b, c;

    @Setup(Level.Trial) public void setup() {
        Parallel.setThreads(threads);
        a = new float[n]; b = new float[n]; c = new float[n];
        java.util.Arrays.fill(a, 1f); java.util.Arrays.fill(b, 2f); java.util.Arrays.fill(c, 3f);
    }

    /** c = a, 8 bytes per element. */
    @Benchmark public float[] copy() { return copy(a, c, n); }

    /** a = b + 3·c, 12 bytes per element. */
    @Benchmark public float[] triad() { return triad(a, b, c, n); }

    static float[] copy(float[] src, float[] dst, int n) {
        Parallel.range(n, 1 << 16, (from, to) -> System.arraycopy(src, from, dst, from, to - from));
        return dst;
    }

    static float[] triad(float[] a, float[] b, float[] c, int n) {
        Parallel.range(n, 1 << 16, (from, to) -> {
            int i = from, L = S.length(), end = from + S.loopBound(to - from);
            FloatVector s = FloatVector.broadcast(S, 3f);
            for (; i < end; i += L) FloatVector.fromArray(S, c, i).fma(s, FloatVector.fromArray(S, b, i)).intoArray(a, i);
            for (; i < to; i++) a[i] = b[i] + 3f * c[i];
        });
        return a;
    }
}
