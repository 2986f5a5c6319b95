package jtorch.examples;

import jtorch.tensor.Tensor;

/**
 * k-nearest-neighbour classification by Euclidean distance: each query row of q [M, D] takes the majority label of its
 * k nearest rows of the reference set r [N, D] (ties between labels go to the label of the nearest neighbour among
 * the tied ones). Distances come from one matrix product per block of queries, |r_j|² - 2 q·r_j (|q|² is the same for
 * every j of a query), so pixel space (D = 784) costs M·N·D multiply-adds.
 */
final class Knn {
    private Knn() {}

    /** The fraction of queries whose k-NN label equals their own label. */
    static double accuracy(Tensor r, int[] rLabels, Tensor q, int[] qLabels, int k, int classes) {
        int[] pred = predict(r, rLabels, q, k, classes);
        int right = 0;
        for (int i = 0; i < pred.length; i++) if (pred[i] == qLabels[i]) right++;
        return pred.length == 0 ? 0 : (double) right / pred.length;
    }

    static int[] predict(Tensor r, int[] rLabels, Tensor q, int k, int classes) {
        int n = r.size(0), m = q.size(0);
        if (r.size(1) != q.size(1) || rLabels.length != n || k < 1 || k > n) throw new IllegalArgumentException("Knn: "
                + "reference " + r.shape() + " with " + rLabels.length + " labels, queries " + q.shape() + ", k = " + k);
        double[] rr = r.square().sum(1).toDoubleArray();
        Tensor rt = r.t();
        int[] out = new int[m];
        int block = Math.max(1, Math.min(m, 4_000_000 / Math.max(1, n)));
        double[] bestD = new double[k];
        int[] bestJ = new int[k];
        int[] votes = new int[classes];
        for (int s = 0; s < m; s += block) {
            int len = Math.min(block, m - s);
            float[] dots = q.narrow(0, s, len).mm(rt).toFloatArray();
            for (int i = 0; i < len; i++) {
                int filled = 0;
                for (int j = 0; j < n; j++) {
                    double d = rr[j] - 2.0 * dots[i * n + j];
                    if (filled < k) { insert(bestD, bestJ, filled++, d, j); continue; }
                    if (d < bestD[k - 1]) insert(bestD, bestJ, k - 1, d, j);
                }
                java.util.Arrays.fill(votes, 0);
                int top = 0;
                for (int t = 0; t < k; t++) top = Math.max(top, ++votes[rLabels[bestJ[t]]]);
                for (int t = 0; t < k; t++) if (votes[rLabels[bestJ[t]]] == top) { out[s + i] = rLabels[bestJ[t]]; break; }
            }
        }
        return out;
    }

    /** Puts (d, j) into the sorted first {@code at + 1} slots, dropping the entry at {@code at}. */
    private static void insert(double[] bestD, int[] bestJ, int at, double d, int j) {
        int p = at;
        while (p > 0 && bestD[p - 1] > d) { bestD[p] = bestD[p - 1]; bestJ[p] = bestJ[p - 1]; p--; }
        bestD[p] = d;
        bestJ[p] = j;
    }
}
