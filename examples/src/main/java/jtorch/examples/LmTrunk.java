package jtorch.examples;

import jtorch.nn.Module;
import jtorch.tensor.Tensor;

/**
 * The part of {@link WordLanguageModel} below the output layer, with its data layout: it yields, step by step, the
 * hidden vectors h [N, H] of N training words and their targets, takes ∂loss/∂h back, and scores the validation text.
 */
interface LmTrunk {
    /** Its modules (for the SGD update). */
    Module[] modules();

    /** Starts training epoch e (1, 2, ...): shuffles or resets state; returns the number of steps. */
    int startEpoch(int e);

    /** h [N, H] of step i of the epoch; {@link #target()} gives its N target words. */
    Tensor forward(int i);

    /** Targets [N] I32 of the last {@link #forward}. */
    Tensor target();

    /** Backward of the last forward. */
    void backward(Tensor gradHidden);

    /** Σ exact log p(w | history) over the validation words with {@code head}, and the number of words. */
    double[] validate(OutputLayers.Layer head);
}
