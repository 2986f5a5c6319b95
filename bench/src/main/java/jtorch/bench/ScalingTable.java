package jtorch.bench;

import java.util.Locale;

/**
 * A model of synchronous data-parallel scaling from measured figures: for n parameters, N workers and global batch
 * B, each step every rank sends (and receives) V = 2·(N−1)/N · 4n bytes through the ring, taking t_comm = V / bw;
 * the compute of a step is t_comp(N) = c · (n / n₀) · B / N, where c is the measured seconds per sample of the
 * n₀-parameter MLP on one worker (an MLP's work is proportional to its parameters). With no overlap of compute and
 * communication the step takes t_comp(N) + t_comm, so the speedup over one worker is
 * S = t_comp(1) / (t_comp(N) + t_comm). Latency (2·(N−1) messages per step) is left out: it matters only for small n.
 */
final class ScalingTable {
    private ScalingTable() {}

    static final long[] SIZES = {235_146, 1_000_000, 10_000_000, 100_000_000};
    static final int[] WORKERS = {2, 4, 8, 16};

    /**
     * Prints the markdown table.
     *
     * @param secondsPerSample c, measured on one worker of the 235,146-parameter MLP
     * @param loopbackGBs      the ring's measured bus bandwidth on this machine's loopback
     * @param networkGBs       an assumed network's bandwidth (1.25 GB/s: 10 Gbit/s Ethernet)
     */
    static void print(double secondsPerSample, double loopbackGBs, double networkGBs, int batch) {
        System.out.printf(Locale.ROOT, "| parameters n | workers N | MB sent per rank per step | comm ms, %.2f GB/s (loopback, measured) "
                + "| comm ms, %.2f GB/s | compute ms per step per worker | compute / comm (network) | speedup S (network) |%n",
                loopbackGBs, networkGBs);
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (long n : SIZES) {
            double one = secondsPerSample * ((double) n / SIZES[0]) * batch;
            for (int w : WORKERS) {
                double bytes = 2.0 * (w - 1) / w * 4 * n;
                double loop = bytes / (loopbackGBs * 1e9), net = bytes / (networkGBs * 1e9), comp = one / w;
                System.out.printf(Locale.ROOT, "| %,d | %d | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f |%n", n, w, bytes / 1e6,
                        loop * 1e3, net * 1e3, comp * 1e3, comp / net, one / (comp + net));
            }
        }
    }
}
