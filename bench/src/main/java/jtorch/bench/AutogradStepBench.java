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
 * One SGD step (batch 64) of the 784-256-128-10 MLP as modules ({@code mlp}) and as autograd code
 * ({@code mlp-autograd}: fused linear; {@code mlp-autograd-mm}: mm + add), in one run. With {@code -prof gc},
 * {@code gc.alloc.rate.norm} is the bytes allocated per step: constant for autograd (each step's tape is new and
 * freed), about zero for the modules (reused buffers). ./jtorch bench AutogradStepBench -prof gc
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class AutogradStepBench {
    @Param({"mlp", "mlp-autograd", "mlp-autograd-mm"}) public String model;
    @Param({"1"}) public int threads;
    @Param({"64"}) public int batch;
    private TrainStep step;

    @Setup(Level.Trial) public void setup() {
        Parallel.setThreads(threads);
        step = new TrainStep(model, batch);
    }

    @Benchmark public double trainStep() { return step.step(); }
}
