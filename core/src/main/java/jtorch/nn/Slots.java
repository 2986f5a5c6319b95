package jtorch.nn;

import java.util.ArrayList;
import java.util.List;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * One module's own named parameters (weight and gradient) and persistent buffers, in declaration order. Tensors keep
 * their identity for the module's life: {@link #to} and {@link FlatParameters} re-point them with {@link Tensor#set}, so
 * shared clones stay shared.
 */
final class Slots {
    final List<String> names = new ArrayList<>(2);
    final List<Tensor> weights = new ArrayList<>(2), gradients = new ArrayList<>(2);
    final List<String> bufferNames = new ArrayList<>(0);
    final List<Tensor> buffers = new ArrayList<>(0);

    int index(List<String> list, String name) {
        for (int i = 0; i < list.size(); i++) if (list.get(i).equals(name)) return i;
        return -1;
    }

    void checkNew(String module, String name) {
        if (name == null || name.isEmpty() || name.contains(".")) throw new IllegalArgumentException(module
                + ": parameter and buffer names must be non-empty and without '.', got '" + name + "'");
        if (index(names, name) >= 0 || index(bufferNames, name) >= 0) throw new IllegalArgumentException(module
                + ": '" + name + "' is declared twice");
    }

    /**
     * A copy for a clone: weights (and gradients) shared when asked, else copied; buffers always copied (as Torch7's
     * {@code clone('weight', 'bias')}: running statistics and generator states are per clone).
     */
    Slots copy(boolean shareWeights, boolean shareGradients) {
        Slots s = new Slots();
        s.names.addAll(names);
        for (Tensor w : weights) s.weights.add(shareWeights ? w : w.clone());
        for (Tensor g : gradients) s.gradients.add(shareGradients ? g : g.clone());
        s.bufferNames.addAll(bufferNames);
        for (Tensor b : buffers) s.buffers.add(b.clone());
        return s;
    }

    /** Converts every floating-point tensor to {@code dtype} in place (identity kept); I32 buffers stay I32. */
    void to(DType dtype) {
        for (List<Tensor> l : List.of(weights, gradients, buffers)) {
            for (Tensor t : l) if (t.dtype() != DType.I32 && t.dtype() != dtype) t.set(t.to(dtype));
        }
    }
}
