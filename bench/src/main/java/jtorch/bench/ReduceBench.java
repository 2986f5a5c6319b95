package jtorch.bench;

import java.util.concurrent.TimeUnit;
import jtorch.backend.Backends;
import jtorch.backend.ReduceOp;
import jtorch.backend.cpu.Parallel;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
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
 * F32 reductions of the cpu back end on a [side, side] matrix (side 1024: 4 MB; 4096: 64 MB, beyond L3): sum, max and
 * argmax along the last dimension, sum along dimension 0, 1 and 2 threads, outputs preallocated. Bytes moved ≈ 4 per
 * input element. Run: ./jtorch bench ReduceBench
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class ReduceBench {
    @Param({"1024", "4096"}) public int side;
    @Param({"1", "2"}) public int threads;
    private Tensor x, rowOut, colOut, idx;

    @Setup(Level.Trial) public void setup() {
        Parallel.setThreads(threads);
        x = Tensor.randn(new Generator(2), side, side);
        rowOut = Tensor.zeros(side, 1);
        colOut = Tensor.zeros(1, side);
        idx = Tensor.zeros(DType.I32, side, 1);
    }

    @Benchmark public Tensor sumLastDim() { Backends.cpu().reduce(ReduceOp.SUM, rowOut, x, 1); return rowOut; }
    @Benchmark public Tensor maxLastDim() { Backends.cpu().reduce(ReduceOp.MAX, rowOut, x, 1); return rowOut; }
    @Benchmark public Tensor argmaxLastDim() { Backends.cpu().argReduce(true, rowOut, idx, x, 1); return idx; }
    @Benchmark public Tensor sumDim0() { Backends.cpu().reduce(ReduceOp.SUM, colOut, x, 0); return colOut; }
    @Benchmark public double sumAll() { return x.sum(); }
}
