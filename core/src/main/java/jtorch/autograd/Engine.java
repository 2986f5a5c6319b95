package jtorch.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import jtorch.tensor.Tensor;

/**
 * The reverse pass: sorts the nodes behind a result topologically (iterative depth-first search, so long tapes from
 * loops do not overflow the stack), then runs each node's backward once, after every node that uses its outputs,
 * adding the gradients of values used several times. Leaves that require grad accumulate into {@link Var#grad()}.
 */
final class Engine {
    private static final AtomicLong PASSES = new AtomicLong();

    private Engine() {}

    static void backward(Var root, Tensor gradient, boolean retainGraph) {
        if (!root.requiresGrad()) throw new IllegalStateException("backward: this value does not require grad (none of "
                + "the values it was computed from requires grad, or it was computed under Autograd.noGrad())");
        if (!Arrays.equals(gradient.sizes(), root.value().sizes())) throw new IllegalArgumentException("backward: the "
                + "gradient has shape " + gradient.shape() + " but the value has shape " + root.value().shape());
        if (root.node == null) {
            accumulateLeaf(root, gradient);
            return;
        }
        List<Node> order = sort(root.node);
        if (root.node.pending == null) root.node.pending = new Tensor[root.node.outputSizes.length];
        root.node.pending[root.slot] = gradient;
        try {
            for (int k = order.size() - 1; k >= 0; k--) step(order.get(k));
        } finally {
            for (Node n : order) {
                n.pending = null;
                if (!retainGraph) n.free();
            }
        }
    }

    private static void step(Node n) {
        Tensor[] gs = n.pending;
        if (gs == null) return; // no gradient reached it (every path to it was cut)
        n.pending = null;
        for (int i = 0; i < gs.length; i++) if (gs[i] == null) gs[i] = zeros(n, i);
        Tensor[] gin = n.run(gs);
        Var[] in = n.inputs;
        if (gin == null || gin.length != in.length) throw new IllegalStateException(n.op + ": backward returned "
                + (gin == null ? "null" : gin.length + " gradients") + " for " + in.length + " inputs");
        for (int i = 0; i < in.length; i++) {
            Var v = in[i];
            if (v == null || !v.requiresGrad() || gin[i] == null) continue;
            if (!Arrays.equals(gin[i].sizes(), v.value().sizes())) throw new IllegalStateException(n.op + ": backward "
                    + "gave a gradient of shape " + gin[i].shape() + " for input " + i + " of shape " + v.value().shape()
                    + " (a gradient has the shape of its input)");
            if (v.node == null) accumulateLeaf(v, gin[i]);
            else {
                Node p = v.node;
                if (p.pending == null) p.pending = new Tensor[p.outputSizes.length];
                Tensor old = p.pending[v.slot];
                p.pending[v.slot] = old == null ? gin[i] : old.add(gin[i]);
            }
        }
    }

    private static Tensor zeros(Node n, int output) {
        Tensor like = null;
        for (Var v : n.inputs) if (v != null) { like = v.value(); break; }
        int[] s = n.outputSizes[output];
        return like != null ? like.newZeros(s) : Tensor.zeros(s);
    }

    /**
     * grad += g. A leaf's first gradient is copied (the user may change it in place, e.g. an optimizer), except for a
     * leaf that only borrows it ({@link Var#borrowGrad}: an AutogradModule reads it once and adds it into the
     * module's own gradient); a borrowed gradient is never written, a second one gives a new sum.
     */
    private static void accumulateLeaf(Var leaf, Tensor g) {
        if (leaf.sink != null) {
            leaf.sink.addInPlace(leaf.sinkScale, g);
            return;
        }
        if (leaf.grad == null) {
            leaf.grad = leaf.borrowGrad ? g : g.clone();
            leaf.gradOwned = !leaf.borrowGrad;
        } else if (leaf.gradOwned) leaf.grad.addInPlace(g);
        else {
            leaf.grad = leaf.grad.add(g);
            leaf.gradOwned = true;
        }
    }

    static IllegalStateException freedError(String op) {
        return new IllegalStateException("backward through '" + op + "' a second time: the first backward freed its "
                + "tape (saved tensors); call backward(gradient, true) (retainGraph) the first time to keep it");
    }

    /** Frees every node behind {@code root} that is not freed yet (its tape), without a backward pass. */
    static void free(Var root) {
        if (root.node == null || root.node.freed) return;
        List<Node> stack = new ArrayList<>();
        stack.add(root.node);
        root.node.freed = true; // marks "queued"; free() below sets it again
        List<Node> all = new ArrayList<>();
        while (!stack.isEmpty()) {
            Node n = stack.removeLast();
            all.add(n);
            for (Var v : n.inputs) {
                if (v != null && v.node != null && !v.node.freed) {
                    v.node.freed = true;
                    stack.add(v.node);
                }
            }
        }
        for (Node n : all) n.free();
    }

    /** Nodes reachable from {@code root}, each after every node it feeds (post-order). */
    private static List<Node> sort(Node root) {
        long pass = PASSES.incrementAndGet();
        List<Node> order = new ArrayList<>();
        List<Node> stack = new ArrayList<>();
        List<Integer> next = new ArrayList<>();
        root.visit = pass;
        stack.add(root);
        next.add(0);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Node n = stack.get(top);
            if (n.freed) throw freedError(n.op);
            int i = next.get(top);
            if (i < n.inputs.length) {
                next.set(top, i + 1);
                Var v = n.inputs[i];
                if (v == null || !v.requiresGrad()) continue;
                if (v.node != null && v.node.visit != pass) {
                    v.node.visit = pass;
                    stack.add(v.node);
                    next.add(0);
                }
            } else {
                order.add(n);
                stack.removeLast();
                next.removeLast();
            }
        }
        return order;
    }
}
