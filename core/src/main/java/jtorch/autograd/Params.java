package jtorch.autograd;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jtorch.tensor.Tensor;

/**
 * Named vars given to autograd code: the parameters of an {@link AutogradModule} or of a function differentiated by
 * {@link Autograd#grad}, in declaration order. {@link #get} throws naming the known names.
 */
public final class Params {
    private final Map<String, Var> vars;

    private Params(Map<String, Var> vars) { this.vars = vars; }

    /** Leaves that require grad ({@link Var#param}) for each tensor, in the map's order. */
    public static Params of(Map<String, Tensor> tensors) {
        Map<String, Var> m = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) m.put(e.getKey(), Var.param(e.getValue()));
        return new Params(m);
    }

    /** The var named {@code name}. */
    public Var get(String name) {
        Var v = vars.get(name);
        if (v == null) throw new IllegalArgumentException("Params: no parameter named '" + name + "' (have "
                + vars.keySet() + ")");
        return v;
    }

    public Set<String> names() { return Collections.unmodifiableSet(vars.keySet()); }

    /** Name → var, in order. */
    public Map<String, Var> asMap() { return Collections.unmodifiableMap(vars); }
}
