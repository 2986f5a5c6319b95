package jtorch.distributed;

import jtorch.tensor.DType;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * The ring's partition of an n-element buffer among p ranks, shared by every implementation so they agree bit for bit:
 * segment k (0 ≤ k &lt; p) is [k·n/p, (k+1)·n/p) (integer division). The reduce-scatter sums segment k in the fixed
 * order ((x_k + x_{k+1}) + x_{k+2}) + … + x_{k−1} (ranks mod p), then the owner rank k−1 (mod p) divides by p for
 * AVERAGE, and the all-gather copies the owner's bits to everyone.
 */
final class Segments {
    private Segments() {}

    static int start(int k, int n, int p) { return (int) ((long) k * n / p); }

    static int length(int k, int n, int p) { return start(k + 1, n, p) - start(k, n, p); }

    /** The heap array behind a contiguous F32 tensor (its data begins at {@code x.offset()}). */
    static float[] floats(Tensor x, String op) {
        if (x.dtype() != DType.F32 || !x.isContiguous() || !(x.storage() instanceof HeapStorage h)) {
            throw new IllegalArgumentException("Collective." + op + ": needs a contiguous F32 tensor, got " + x.dtype()
                    + " " + x.shape() + (x.isContiguous() ? "" : " (not contiguous)")
                    + "; pass x.contiguous().to(DType.F32) and copy the result back");
        }
        return h.floats();
    }

    static int mod(int a, int p) { return ((a % p) + p) % p; }
}
