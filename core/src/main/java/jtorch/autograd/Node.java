package jtorch.autograd;

import jtorch.tensor.Tensor;

/**
 * One recorded operation of the tape: its inputs, how many outputs it made, and its backward function. A node is
 * reachable only from the {@link Var}s it produced, so the tape of a computation is exactly the graph of nodes behind
 * its result: when nothing refers to the result any more, the garbage collector takes the whole tape. A backward pass
 * without {@code retainGraph} frees each node it runs (its saved tensors and its links to the inputs).
 */
final class Node {
    /** ∂L/∂inputs from ∂L/∂output, for an operation with one output; entry i null when input i needs no gradient. */
    @FunctionalInterface
    interface Grad { Tensor[] apply(Tensor gradOutput); }

    /** The same for several outputs; a missing output gradient arrives as zeros of its shape. */
    @FunctionalInterface
    interface MultiGrad { Tensor[] apply(Tensor[] gradOutputs); }

    final String op;
    Var[] inputs;
    private Grad grad;
    private MultiGrad multi;
    final int[][] outputSizes;
    /** Gradients w.r.t. the outputs gathered during a backward pass. */
    Tensor[] pending;
    /** The pass that last visited this node (topological sort). */
    long visit;
    boolean freed;
    /** Run once when the node is freed (e.g. a module instance going back to its pool). */
    Runnable onFree;

    Node(String op, Var[] inputs, Grad grad, int[] outputSizes) {
        this.op = op;
        this.inputs = inputs;
        this.grad = grad;
        this.outputSizes = new int[][] {outputSizes};
    }

    Node(String op, Var[] inputs, MultiGrad multi, int[][] outputSizes) {
        this.op = op;
        this.inputs = inputs;
        this.multi = multi;
        this.outputSizes = outputSizes;
    }

    Tensor[] run(Tensor[] gradOutputs) { return grad != null ? grad.apply(gradOutputs[0]) : multi.apply(gradOutputs); }

    /** Drops the saved tensors and the links to the inputs. */
    void free() {
        freed = true;
        grad = null;
        multi = null;
        inputs = null;
        pending = null;
        if (onFree != null) {
            Runnable r = onFree;
            onFree = null;
            r.run();
        }
    }
}
