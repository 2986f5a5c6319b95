package jtorch.backend;

import jtorch.tensor.Tensor;

/**
 * A right-hand GEMM operand B [rows = k, cols = n] that a back end has packed once ({@link Backend#pack}) for many
 * products {@link Backend#gemmPacked} C = alpha·A·B + beta·C with the same B, e.g. a recurrent weight used at every
 * time step. {@code data} is the back end's own layout (ref: a contiguous copy of B); it is a snapshot: pack again
 * after B changes.
 */
public record PackedMatrix(Backend backend, int rows, int cols, Tensor data) {}
