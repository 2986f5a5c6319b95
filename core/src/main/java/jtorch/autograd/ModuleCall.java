package jtorch.autograd;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * A {@link Module} applied inside autograd code: its own forward now, its own backward when the reverse pass reaches
 * it. A module keeps its output and gradInput in reused buffers, and its backward reads the buffers of its last
 * forward, so each recorded use runs on an instance of its own until the backward through it has freed the node:
 * the module itself when it is free, else a {@link Module#sharedClone(boolean) sharedClone(true)} (same weight and
 * gradient tensors, so the parameter gradients of all uses add up in the module's own gradients). The clones are
 * kept in a per-module pool and reused: a training loop that uses a module k times per step holds k instances.
 * An instance whose graph was dropped without a backward becomes free once the garbage collector has taken the
 * graph. Outputs are copied out of the instance's buffer, so a var stays valid when the module runs again.
 * Unrecorded calls (under {@link Autograd#noGrad()}, or when neither the inputs nor the module need gradients) use
 * a free instance and hold none. Clones follow the module's training/evaluation mode at each call.
 */
final class ModuleCall {
    private static final Map<Module, List<Use>> POOLS = Collections.synchronizedMap(new WeakHashMap<>());

    private ModuleCall() {}

    /** One instance of a pooled module and the node (if any) that holds it. */
    private static final class Use {
        final Module instance;
        WeakReference<Node> holder;

        Use(Module instance) { this.instance = instance; }

        boolean free() {
            if (holder == null) return true;
            Node n = holder.get();
            return n == null || n.freed;
        }
    }

    private static Use acquire(Module m) {
        List<Use> pool = POOLS.computeIfAbsent(m, k -> new ArrayList<>(List.of(new Use(k))));
        synchronized (pool) {
            for (Use u : pool) if (u.free()) return sync(m, u);
            Use u = new Use(m.sharedClone(true));
            pool.add(u);
            return sync(m, u);
        }
    }

    private static Use sync(Module base, Use u) {
        Module i = u.instance;
        if (i != base) {
            if (i.isTraining() != base.isTraining()) {
                if (base.isTraining()) i.training(); else i.evaluate();
            }
            i.gradInputNeeded(true);
        }
        u.holder = null;
        return u;
    }

    /** Instances currently pooled for {@code m} (the module itself included); for tests. */
    static int poolSize(Module m) {
        List<Use> pool = POOLS.get(m);
        return pool == null ? 0 : pool.size();
    }

    static Var call(Module m, Var... xs) {
        Var[] out = callAll(m, xs);
        if (out.length != 1) throw new IllegalArgumentException(m.name() + ": its output is a table of " + out.length
                + " tensors; use Autograd.callTable");
        return out[0];
    }

    static Var[] callAll(Module m, Var[] xs) {
        if (m == null) throw new IllegalArgumentException("Autograd.call: null module");
        if (xs.length == 0) throw new IllegalArgumentException("Autograd.call(" + m.name() + "): no inputs");
        Activity input = xs.length == 1 ? xs[0].value : Table.of(values(xs));
        boolean recorded = GradMode.isEnabled() && (Var.recorded(xs) || m.hasParameters());
        boolean inputNeedsGrad = Var.recorded(xs);
        Use use = acquire(m);
        Activity out = use.instance.forward(input);
        Tensor[] outs = tensors(m, out, "output");
        for (int i = 0; i < outs.length; i++) outs[i] = outs[i].clone();
        if (!recorded) {
            Var[] r = new Var[outs.length];
            for (int i = 0; i < r.length; i++) r[i] = Var.of(outs[i]);
            return r;
        }
        boolean table = out instanceof Table;
        Module inst = use.instance;
        Var[] inputs = xs.clone();
        Var[] r = Var.makeAll("module " + m.name(), outs, gs -> {
            Activity g = table ? Table.of(gs) : gs[0];
            List<Deferred> later = DEFER.get();
            if (later != null) {
                if (inst.hasParameters()) later.add(new Deferred(inst, input, g));
                if (!inputNeedsGrad) return new Tensor[inputs.length];
                return check(m, inst.computeGradInput(input, g), inputs.length);
            }
            if (!inputNeedsGrad) {
                inst.accGradParametersOnly(input, g, 1);
                return new Tensor[inputs.length];
            }
            return check(m, inst.backward(input, g), inputs.length);
        }, true, inputs);
        Node n = r[0].node;
        use.holder = new WeakReference<>(n);
        n.onFree = () -> use.holder = null;
        return r;
    }

    private static Tensor[] check(Module m, Activity gi, int n) {
        if (gi == null) throw new IllegalStateException(m.name() + ": backward gave no gradInput (gradInputNeeded is "
                + "off) but an input needs a gradient: switch it on with gradInputNeeded(true)");
        Tensor[] gis = tensors(m, gi, "gradInput");
        if (gis.length != n) throw new IllegalStateException(m.name() + ": gradInput has " + gis.length + " tensors for "
                + n + " inputs");
        return gis;
    }

    /** A module's parameter-gradient step held back until the scale is known ({@link AutogradModule}). */
    record Deferred(Module instance, Activity input, Activity gradOutput) {
        void run(double scale) { instance.accGradParameters(input, gradOutput, scale); }
    }

    private static final ThreadLocal<List<Deferred>> DEFER = new ThreadLocal<>();

    /**
     * Runs {@code pass} with module steps collecting their parameter-gradient steps into {@code into} instead of
     * running them (they compute only their input gradients meanwhile).
     */
    static void deferring(List<Deferred> into, Runnable pass) {
        List<Deferred> prev = DEFER.get();
        DEFER.set(into);
        try {
            pass.run();
        } finally {
            if (prev == null) DEFER.remove(); else DEFER.set(prev);
        }
    }

    private static Tensor[] values(Var[] xs) {
        Tensor[] t = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) t[i] = xs[i].value;
        return t;
    }

    /** A tensor, or a flat table of tensors, as an array. */
    static Tensor[] tensors(Object who, Activity a, String what) {
        if (a instanceof Tensor t) return new Tensor[] {t};
        Table tab = (Table) a;
        Tensor[] out = new Tensor[tab.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(tab.get(i) instanceof Tensor t)) throw new UnsupportedOperationException(who + ": its " + what
                    + " is a nested table; autograd calls take tensors and flat tables of tensors only");
            out[i] = t;
        }
        return out;
    }
}
