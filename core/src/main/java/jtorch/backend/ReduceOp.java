package jtorch.backend;

/**
 * Reductions along one dimension. For {@code x_1..x_n} along the reduced dimension:
 * SUM = Σ x_i; PROD = Π x_i; MAX = max x_i; MIN = min x_i (NaN if any x_i is NaN);
 * LOGSUMEXP = m + log Σ exp(x_i - m) with m = max x_i (stable for large inputs; -inf for n = 0 or all -inf);
 * SUMSQ = Σ x_i² (for norms and variances).
 * An empty reduction gives SUM 0, PROD 1, SUMSQ 0, MAX -inf, MIN +inf.
 */
public enum ReduceOp { SUM, PROD, MAX, MIN, LOGSUMEXP, SUMSQ }
