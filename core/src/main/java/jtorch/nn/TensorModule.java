package jtorch.nn;

import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * A module that maps a tensor to a tensor: it adds the typed {@link #forward(Tensor)} and {@link #backward(Tensor,
 * Tensor)} overloads. Modules whose output is a table ({@link ConcatTable}, {@link ParallelTable}, SplitTable) do not
 * implement it, so {@code concatTable.forward(x)} gives an {@link Activity} (a table) and no tensor overload that
 * would compile and then fail. Implemented by {@link Module} subclasses only.
 */
public interface TensorModule {

    /** {@link Module#forward(Activity)}. */
    Activity forward(Activity input);

    /** {@link Module#backward(Activity, Activity, double)}. */
    Activity backward(Activity input, Activity gradOutput, double scale);

    /** Module name, for messages. */
    String name();

    /** {@link Module#forward(Activity)} for a tensor in and a tensor out. */
    default Tensor forward(Tensor input) { return forward((Activity) input).toTensor(name() + ".forward output"); }

    /** {@link Module#backward(Activity, Activity)} for tensors; null when gradInputNeeded is off. */
    default Tensor backward(Tensor input, Tensor gradOutput) {
        Activity g = backward(input, gradOutput, 1);
        return g == null ? null : g.toTensor(name() + ".backward gradInput");
    }
}
