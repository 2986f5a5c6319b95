package jtorch.data;

import jtorch.tensor.Tensor;

/**
 * A minibatch: inputs with the batch in dimension 0 (e.g. [B, 784] or [B, 1, 28, 28]) and targets [B] (I32 class
 * indices) or [B, ...] (regression targets).
 */
public record Batch(Tensor input, Tensor target) {
    public int size() { return input.size(0); }
}
