package jtorch.bench;

import java.util.concurrent.TimeUnit;
import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import jtorch.backend.cpu.Parallel;
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
 * F32 element-wise kernels of the cpu back end on n floats (1M: in L2/L3; 16M: 64 MB per array, beyond the 32 MB L3),
 * 1 and 2 threads, output preallocated. Bytes moved per element (STREAM counting, no write-allocate): 12 for the binary
 * ops, 8 for unary ops and copy. GB/s = bytes · n / time; compare with {@link BandwidthBench}.
 * Run: ./jtorch bench ElementwiseBench   (or java -jar bench/target/jtorch-bench.jar ElementwiseBench)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class ElementwiseBench {
    @Param({"1048576", "16777216"}) public int n;
    @Param({"1", "2"}) public int threads;
    private Tensor x, y, bias, out, xT, outSquare;

    @Setup(Level.Trial) public void setup() {
        Parallel.setThreads(threads);
        Generator g = new Generator(1);
        int cols = 1024, rows = n / cols, side = (int) Math.sqrt(n);
        x = Tensor.randn(g, rows, cols);
        y = Tensor.randn(g, rows, cols);
        bias = Tensor.randn(g, cols);
        out = Tensor.zeros(rows, cols);
        xT = Tensor.randn(g, side, side).t();
        outSquare = Tensor.zeros(side, side);
    }

    @Benchmark public Tensor add() { return x.apply(BinaryOp.ADD, 1, y, out); }
    @Benchmark public Tensor addBiasRow() { return x.apply(BinaryOp.ADD, 1, bias, out); }
    @Benchmark public Tensor mulScalar() { return x.apply(UnaryOp.MUL, 1.5, 0, out); }
    @Benchmark public Tensor relu() { return x.apply(UnaryOp.RELU, 0, 0, out); }
    @Benchmark public Tensor exp() { return x.apply(UnaryOp.EXP, 0, 0, out); }
    @Benchmark public Tensor tanh() { return x.apply(UnaryOp.TANH, 0, 0, out); }
    @Benchmark public Tensor sigmoid() { return x.apply(UnaryOp.SIGMOID, 0, 0, out); }
    @Benchmark public Tensor copyContiguous() { return out.copy(x); }
    @Benchmark public Tensor copyTransposed() { return outSquare.copy(xT); }
}
