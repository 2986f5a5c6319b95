package jtorch.nn.activation;

import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/** Shape checks shared by the transfer modules. */
final class Shapes {
    private Shapes() {}

    /** gradOutput as a tensor of exactly {@code ref}'s shape; throws naming the module otherwise. */
    static Tensor like(String module, Activity gradOutput, Tensor ref) {
        Tensor g = gradOutput.toTensor(module);
        if (!g.sameShape(ref)) throw new IllegalArgumentException(module + ": gradOutput has shape " + g.shape()
                + ", expected the output's shape " + ref.shape());
        return g;
    }
}
