package jtorch.bench;

import java.util.concurrent.TimeUnit;
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
 * The 784-256-128-10 MLP train step (batch 64) as {@code Sequential} ({@code mlp}) and as a {@code Graph}
 * ({@code mlp-graph}), same weights and data. {@code ./jtorch bench GraphBench -prof gc} also gives the bytes
 * allocated per step ({@code gc.alloc.rate.norm}); {@link GraphVsSequential} times both in one JVM, interleaved.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GraphBench {
    @Param({"mlp", "mlp-graph"}) public String model;
    @Param({"1"}) public int threads;
    private TrainStep step;

    @Setup(Level.Trial) public void setup() {
        Parallel.setThreads(threads);
        step = new TrainStep(model, 64);
    }

    @Benchmark public double trainStep() { return step.step(); }
}
