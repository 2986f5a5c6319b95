package jtorch.autograd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jtorch.nn.Criterion;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Entry points of define-by-run automatic differentiation beside the {@link Var} operations: the no-grad scope,
 * modules and criteria inside autograd code, and the functional form of torch-autograd.
 * <pre>{@code
 * Autograd.GradFunction df = Autograd.grad(p -> p.get("x").square().sum());
 * Autograd.Result r = df.apply(Map.of("x", x));          // r.value() = Σ x², r.gradients().get("x") = 2x
 * try (var scope = Autograd.noGrad()) { ... }             // nothing recorded inside
 * Var h = Autograd.call(linear, x).relu();                 // a Module with its own backward
 * Var loss = Autograd.loss(new ClassNLLCriterion(), h.logSoftmax(1), labels);
 * }</pre>
 */
public final class Autograd {
    private Autograd() {}

    /** A scope (try-with-resources) in which this thread records nothing: results are constants. */
    public static GradMode noGrad() { return new GradMode(false); }

    /** A scope that records again (inside a {@link #noGrad()} block). */
    public static GradMode enableGrad() { return new GradMode(true); }

    /**
     * {@code m} applied to one input (a tensor) or several (a table of tensors), with its own forward and backward;
     * see {@link ModuleCall} for how a module used several times in one graph gets per-use buffers.
     */
    public static Var call(Module m, Var... inputs) { return ModuleCall.call(m, inputs); }

    /** As {@link #call}, for a module whose output is a table: one var per table entry. */
    public static List<Var> callTable(Module m, Var... inputs) { return List.of(ModuleCall.callAll(m, inputs)); }

    /** The loss c(input, target) as a 0-d var, differentiated with the criterion's own backward. */
    public static Var loss(Criterion c, Var input, Activity target) { return CriterionCall.loss(c, new Var[] {input}, target); }

    /** A criterion whose input is a table of tensors. */
    public static Var loss(Criterion c, List<Var> inputs, Activity target) {
        return CriterionCall.loss(c, inputs.toArray(Var[]::new), target);
    }

    /**
     * What {@link GradFunction#apply} returns.
     *
     * @param gradients ∂f/∂parameter by name, in the order of the parameters given
     * @param value     f at the parameters
     */
    public record Result(Map<String, Tensor> gradients, double value) {}

    /** The gradient function of {@link #grad}. */
    @FunctionalInterface
    public interface GradFunction {
        /** f's value at {@code params} and ∂f/∂params (zeros for a parameter f does not use). */
        Result apply(Map<String, Tensor> params);
    }

    /**
     * torch-autograd's {@code grad(f)}: a function that evaluates f (a one-element result) at named parameters and
     * returns its gradient with respect to each of them, plus f's value. Data f needs besides the parameters is
     * captured by the lambda.
     */
    public static GradFunction grad(Function<Params, Var> f) {
        return params -> {
            Params p = Params.of(params);
            Var y = f.apply(p);
            if (y == null) throw new IllegalStateException("Autograd.grad: the function returned null");
            if (y.value.numel() != 1) throw new IllegalArgumentException("Autograd.grad: the function must return one "
                    + "number, got shape " + y.value.shape() + " (reduce it, e.g. with sum())");
            double value = y.item();
            if (y.requiresGrad()) y.backward();
            Map<String, Tensor> grads = new LinkedHashMap<>();
            for (Map.Entry<String, Var> e : p.asMap().entrySet()) {
                Tensor g = e.getValue().grad();
                grads.put(e.getKey(), g != null ? g : e.getValue().value.zerosLike());
            }
            return new Result(grads, value);
        };
    }
}
