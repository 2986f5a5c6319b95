package jtorch.examples;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import jtorch.data.DataLoader;
import jtorch.distributed.AsyncWorker;
import jtorch.distributed.ParameterClient;
import jtorch.distributed.ParameterServer;
import jtorch.distributed.ParameterServerHost;
import jtorch.distributed.Partition;
import jtorch.distributed.TcpCollective;
import jtorch.distributed.TcpOptions;
import jtorch.examples.DistributedFashionMnist.Curve;
import jtorch.examples.DistributedFashionMnist.Data;
import jtorch.examples.DistributedFashionMnist.Timeline;
import jtorch.nn.Module;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.train.Trainer;

/**
 * Downpour asynchronous SGD between separate JVM processes over TCP: this process serves the parameter server
 * ({@link ParameterServerHost} on loopback, a fresh job secret handed to each child on stdin, never on the command
 * line), p child JVMs ({@code -Djtorch.threads=1}) each load the data, train the MLP on their partition with plain
 * SGD (no momentum, as in {@link DistributedFashionMnist#downpour}) and push / pull every τ batches through a
 * {@link ParameterClient}. Worker 0 evaluates x̃ (pulled) on the test split after each epoch, off its clock; each
 * child first trains one throwaway epoch on 2,000 images so that the JIT has compiled the hot loops.
 */
final class AsyncSgdProcesses {
    private AsyncSgdProcesses() {}

    /** Runs the job; returns worker 0's curve, and prints the server's counts and the final x̃'s accuracy. */
    static Curve downpour(Data d, int trainLimit, int p, int epochs, int localBatch, int tau, double lr) throws Exception {
        return downpour(d, trainLimit, p, epochs, localBatch, tau, lr, true);
    }

    /** As above; {@code warmUp} false skips the children's throwaway JIT epoch (short tests). */
    static Curve downpour(Data d, int trainLimit, int p, int epochs, int localBatch, int tau, double lr, boolean warmUp)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        byte[] secret = TcpCollective.newSecret();
        ParameterServer ps = new ParameterServer(DistributedFashionMnist.mlp(), 2 * p);
        List<Process> children = new ArrayList<>();
        String[] curve = new String[1];
        try (ParameterServerHost host = ParameterServerHost.open(ps, secret)) {
            for (int r = 0; r < p; r++) {
                Process pr = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx1g",
                        "-Djtorch.threads=1", "-cp", System.getProperty("java.class.path"), AsyncSgdProcesses.class.getName(),
                        host.address(), Integer.toString(r), Integer.toString(p), Integer.toString(epochs),
                        Integer.toString(localBatch), Integer.toString(tau), Double.toString(lr), Integer.toString(trainLimit), Boolean.toString(warmUp))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                children.add(pr);
                PrintStream in = new PrintStream(pr.getOutputStream(), true);
                in.println(HexFormat.of().formatHex(secret));
                in.close();
                int rank = r;
                Thread.ofPlatform().daemon().start(() -> relay(pr, rank, curve));
            }
            host.awaitWorkers(p, Duration.ofHours(2));
            for (Process pr : children) {
                if (!pr.waitFor(60, TimeUnit.SECONDS)) throw new IllegalStateException(
                        "a worker process said goodbye but did not exit within 60 s");
                if (pr.exitValue() != 0) throw new IllegalStateException("worker process failed: exit " + pr.exitValue());
            }
        } finally {
            for (Process pr : children) pr.destroyForcibly();
        }
        double fin = DistributedFashionMnist.accuracy(ps.model(), d.test());
        System.out.printf(Locale.ROOT, "  parameter server: %d pushes applied, %d dropped as too stale; final x̃ test accuracy %.4f%n",
                ps.accepted(), ps.rejected(), fin);
        String[] parts = curve[0].split(";");
        return new Curve("async SGD (Downpour) over TCP, " + p + " processes", parse(parts[0]), parse(parts[1]));
    }

    private static void relay(Process pr, int rank, String[] curve) {
        try (BufferedReader br = new BufferedReader(new InputStreamReader(pr.getInputStream()))) {
            for (String line; (line = br.readLine()) != null; ) {
                if (line.startsWith("CURVE ")) curve[0] = line.substring(6);
                else System.out.println("  [worker " + rank + "] " + line);
            }
        } catch (java.io.IOException e) {
            System.err.println("worker " + rank + ": " + e);
        }
    }

    private static double[] parse(String csv) { return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray(); }

    /** A worker: {@code host:port rank p epochs localBatch tau lr trainLimit warmUp}; the secret (hex) on stdin. */
    public static void main(String[] a) throws Exception {
        String address = a[0];
        int r = Integer.parseInt(a[1]), p = Integer.parseInt(a[2]), epochs = Integer.parseInt(a[3]);
        int batch = Integer.parseInt(a[4]), tau = Integer.parseInt(a[5]), limit = Integer.parseInt(a[7]);
        double lr = Double.parseDouble(a[6]);
        byte[] secret = HexFormat.of().parseHex(new BufferedReader(new InputStreamReader(System.in)).readLine());
        Data d = DistributedFashionMnist.load(limit);
        int[] few = new int[Math.min(2000, d.train().size())];
        Arrays.setAll(few, i -> i);
        if (Boolean.parseBoolean(a[8])) Trainer.builder(DistributedFashionMnist.mlp(), new jtorch.nn.criterion.ClassNLLCriterion(), optimizer(lr)).epochs(1)
                .train(new DataLoader(d.train().subset(few), batch, true, 1, false)).build().fit(); // JIT warm-up
        Module m = DistributedFashionMnist.mlp(), view = DistributedFashionMnist.mlp();
        try (ParameterClient c = ParameterClient.connect(address, secret, r, TcpOptions.DEFAULTS)) {
            Timeline tl = new Timeline(() -> {
                c.pull(view.getParameters().weights());
                return view;
            }, d.test());
            Trainer.Builder b = DistributedFashionMnist.trainer(m, epochs, optimizer(lr)).callback(AsyncWorker.downpour(c, m, tau))
                    .train(new DataLoader(new Partition(d.train(), r, p), batch, true, 7 + r, false));
            if (r == 0) b.callback(tl);
            b.build().fit();
            if (r == 0) {
                Curve cv = tl.curve("");
                System.out.println("CURVE " + join(cv.seconds()) + ";" + join(cv.accuracy()));
            }
        }
    }

    private static Optimizer optimizer(double lr) {
        return new Optimizer("sgd", Config.of("learningRate", lr, "weightDecay", 5e-4));
    }

    private static String join(double[] v) {
        return String.join(",", Arrays.stream(v).mapToObj(x -> Double.toString(x)).toList());
    }
}
