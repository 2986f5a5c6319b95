package jtorch.bench;

import java.util.Locale;

/**
 * A model of synchronous data-parallel scaling from measured figures: for n parameters, N workers and global batch
 * B, each step every rank sends (and receives) V = 2·(N−1)/N · 4n bytes through the ring, taking t_comm = V / bw;
 * the compute of a step is t_comp(N) = c · (n / n₀) · B / N, where c is the measured seconds per sample of the
 * n₀-parameter MLP on one worker (an MLP's work per sample is about 6 flops per parameter, so it scales with n).
 * With no overlap of compute and communication a step takes t_comp(N) + t_comm, so the speedup over one worker is
 * S = t_comp(1) / (t_comp(N) + t_comm). For an MLP both terms grow with n, so the ratio t_comp / t_comm depends on
 * B / N and the bandwidth only; models with more flops per parameter (convolutions) have proportionally larger ratios.
 * Latency (2·(N−1) messages per step) is left out: it matters only for small n.
 */
final class ScalingTable {
    private ScalingTable() {}

    static final long N0 = 235_146;
    static final long[] SIZES = {N0, 1_000_000, 10_000_000, 100_000_000};
    static final int[] WORKERS = {2, 4, 8, 16};

    /**
     * Prints the two markdown tables: volume and time per step against n and N, then t_comp / t_comm and S.
     *
     * @param secondsPerSample c, measured on one worker of the 235,146-parameter MLP
     * @param loopbackGBs      the ring's measured bus bandwidth on this machine's loopback
     * @param networkGBs       an assumed network's bandwidth (1.25 GB/s: 10 Gbit/s Ethernet)
     */
    static void print(double secondsPerSample, double loopbackGBs, double networkGBs) {
        System.out.printf(Locale.ROOT, "MB each rank sends per step / ms at %.2f GB/s (10 GbE) / ms at %.2f GB/s (the ring on"
                + " this loopback, measured)%n%n| parameters n |", networkGBs, loopbackGBs);
        for (int w : WORKERS) System.out.print(" N = " + w + " |");
        System.out.println("\n|---|---|---|---|---|");
        for (long n : SIZES) {
            System.out.printf(Locale.ROOT, "| %,d |", n);
            for (int w : WORKERS) {
                double bytes = 2.0 * (w - 1) / w * 4 * n;
                System.out.printf(Locale.ROOT, " %.1f MB / %.1f ms / %.1f ms |", bytes / 1e6, bytes / networkGBs / 1e6,
                        bytes / loopbackGBs / 1e6);
            }
            System.out.println();
        }
        System.out.printf(Locale.ROOT, "%ncompute / communication per step and speedup S over one worker, MLP of any size"
                + " (c = %.3f ms per sample for n0 = %,d, measured on one thread), at %.2f GB/s%n%n", secondsPerSample * 1e3,
                N0, networkGBs);
        System.out.println("| global batch B | N | compute ms per step per worker (n0) | comm ms (n0) | compute / comm | S |");
        System.out.println("|---|---|---|---|---|---|");
        for (int batch : new int[] {128, 1024}) {
            double one = secondsPerSample * batch;
            for (int w : WORKERS) {
                double comm = 2.0 * (w - 1) / w * 4 * N0 / (networkGBs * 1e9), comp = one / w;
                System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.2f | %.1f | %.2f |%n", batch, w, comp * 1e3, comm * 1e3,
                        comp / comm, one / (comp + comm));
            }
        }
    }
}
