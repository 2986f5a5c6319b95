package jtorch.unsup.sparse;

import jtorch.tensor.Tensor;

/** Called by {@link Ista} and {@link Fista} after iteration k (1, 2, ...) with the current codes [B, m] (read only). */
@FunctionalInterface
public interface Monitor {
    void iteration(int k, Tensor codes);
}
