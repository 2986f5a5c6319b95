package jtorch.backend.cpu;

import jtorch.backend.ref.RefBackend;

/**
 * The fast CPU back end: F32 kernels with the Vector API ({@code FloatVector.SPECIES_PREFERRED}), split across
 * {@link Parallel#threads()} above a size threshold. Other dtypes (F64, I32) run on the inherited reference loops.
 */
public class CpuBackend extends RefBackend {
    @Override public String name() { return "cpu"; }

    /** F32 heap tensors: the packed, multithreaded {@link Sgemm}; other dtypes: the reference loops. */
    @Override public void gemm(double alpha, jtorch.tensor.Tensor a, jtorch.tensor.Tensor b, double beta,
                               jtorch.tensor.Tensor c) {
        if (Sgemm.accepts(a, b, c)) Sgemm.gemm((float) alpha, a, b, (float) beta, c);
        else super.gemm(alpha, a, b, beta, c);
    }
}
