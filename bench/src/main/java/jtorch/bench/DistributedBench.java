package jtorch.bench;

import java.util.Locale;

/**
 * The distributed figures of the README from one run (so that their ratios share the machine's load): the ring
 * all-reduce of 1M and 10M floats among 2 and 4 processes against a plain socket copy of the same bytes
 * ({@link AllReduceBench}), the ring's step next to the Spark treeAggregate step measured in the notes, samples/s
 * of sync data parallel on 1 and 2 workers ({@link DataParallelBench}), and the simulated scaling table fed with
 * these measurements ({@link ScalingTable}). Usage: {@code ./jtorch run jtorch.bench.DistributedBench}.
 */
public final class DistributedBench {
    private DistributedBench() {}

    public static void main(String[] args) throws Exception {
        System.out.println("load before: " + uptime());
        System.out.printf(Locale.ROOT, "%n| floats | processes | ms per all-reduce | algo GB/s | bus GB/s | socket copy GB/s | bus / copy |%n");
        System.out.println("|---|---|---|---|---|---|---|");
        double ring1m2 = 0, bus10m = 0;
        for (int n : new int[] {1 << 20, 10 << 20}) {
            double copy = AllReduceBench.launch("copy", 2, n), copyGBs = 4.0 * n / copy / 1e6;
            for (int p : new int[] {2, 4}) {
                double ms = AllReduceBench.launch("ring", p, n), bus = 2.0 * (p - 1) / p * 4.0 * n / ms / 1e6;
                if (n == 1 << 20 && p == 2) ring1m2 = ms;
                if (n == 10 << 20 && p == 4) bus10m = bus;
                System.out.printf(Locale.ROOT, "| %dM | %d | %.2f | %.3f | %.3f | %.3f | %.2f |%n", n >> 20, p, ms,
                        4.0 * n / ms / 1e6, bus, copyGBs, bus / copyGBs);
            }
        }
        double mlp = AllReduceBench.launch("ring", 2, (int) ScalingTable.N0);
        System.out.printf(Locale.ROOT, "%nring all-reduce of the MLP's %,d floats between 2 processes: %.2f ms%n", ScalingTable.N0, mlp);
        System.out.printf(Locale.ROOT, "ring all-reduce of 1M floats between 2 processes: %.1f ms per step; the Spark "
                + "broadcast + treeAggregate step of 1M floats (notes, local[2], same kind of machine): 170-265 ms, "
                + "i.e. %.0f-%.0f times the ring's%n", ring1m2, 170 / ring1m2, 265 / ring1m2);
        System.out.printf(Locale.ROOT, "%n| sync data parallel, MLP, global batch 128 | samples/s | all-reduce share of the step |%n");
        System.out.println("|---|---|---|");
        double c1 = 0;
        for (int[] pt : new int[][] {{1, 1, 0}, {1, 2, 0}, {2, 1, 0}, {2, 1, 1}}) {
            DataParallelBench.Result r = DataParallelBench.launch(pt[0], pt[1], pt[2] == 1);
            if (pt[0] == 1 && pt[1] == 1) c1 = 1 / r.samplesPerSecond();
            System.out.printf(Locale.ROOT, "| %d worker%s x %d thread%s%s | %.0f | %.1f %% |%n", pt[0], pt[0] == 1 ? "" : "s",
                    pt[1], pt[1] == 1 ? "" : "s", pt[0] == 1 ? "" : pt[2] == 1 ? ", threads of one JVM" : ", processes, TCP ring",
                    r.samplesPerSecond(), 100 * r.allReduceShare());
        }
        System.out.println();
        ScalingTable.print(c1, bus10m, 1.25);
        System.out.println("\nload after: " + uptime());
    }

    static String uptime() {
        try {
            return new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).trim();
        } catch (java.io.IOException e) {
            return "(uptime unavailable)";
        }
    }
}
