package jtorch.nn.rnn;

import java.util.List;
import jtorch.nn.Container;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Unrolls a step module with explicit state over time, with backpropagation through time (Torch7 rnn's
 * {@code nn.Recurrence} driven by its {@code Recursor}). The step module r maps the table {x_t, s_1, ..., s_k} to the
 * next state: a tensor s'_1 when k = 1, else the table {s'_1, ..., s'_k}; every s_i is [B, S_i]. The cells fit as they
 * are: {@code Recurrence.of(new LSTMCell(I, H))} has state {h, c}, an RNNCell or GRUCell state h. The output at step t
 * is the first state entry, y[t] = s_1(t):
 * <pre>
 * s(-1) = s0 (zeros, the remembered state, or given);  s(t) = r({x[t], s(t-1)});  y[t] = s_1(t)
 * </pre>
 * Input x [T, B, I] gives y [T, B, S_1]; the table {x, s0_1, ..., s0_k} (initial state given) gives the table
 * {y, sN_1, ..., sN_k} with the final state. Layers stack as whole sequences:
 * {@code new Sequential(Recurrence.of(new LSTMCell(I, H)), Recurrence.of(new LSTMCell(H, H)))}. To step one time step
 * at a time (generation), forward {x [1, B, I], s...} and feed the returned sN back in.
 * <p>Backward (BPTT): from ∂L/∂sN (zero unless given) backwards, step t's module gets ∂s(t) = ∂y[t] (entry 1) +
 * ∂s(t) from step t+1; its gradInput gives ∂x[t] and ∂s(t-1). Parameter gradients sum over steps. Each step runs on
 * its own shared clone of r (see {@link Sequencer}).
 * <p><b>Padding</b> ({@link #maskZero(boolean)}): a step whose row x[t, b, :] is all zero gives y[t, b] = 0, keeps the
 * state, s(t)[b] = s(t-1)[b], and sends no gradient to x[t, b] or through r:
 * s(t) = m ⊙ r(·) + (1 - m) ⊙ s(t-1), y[t] = m ⊙ r(·)_1 with m [B, 1] the keep-mask. So right-padded sequences end with
 * the state of their last real step, as the fused modules' {@code maskZero(true)} (wrapping r in {@link MaskZero}
 * instead would reset the state to zero at padded steps).
 * <p><b>Truncated BPTT</b> ({@link #rememberState(boolean)}): each forward starts from the previous forward's final
 * state, copied (detached: no gradient flows into the previous batch) until {@link #forget()}; so an unbroken text can
 * be trained in chunks of T steps. Explicitly given state takes precedence.
 */
public class Recurrence extends Container implements TensorModule {
    public static final ModuleType<Recurrence> TYPE = ModuleType.container("Recurrence", Recurrence.class,
            m -> ModuleArgs.of("stateSizes", m.stateSizes.clone(), "maskZero", m.maskZero),
            (a, children) -> new Recurrence(children.getFirst(), a.ints("stateSizes")).maskZero(a.bool("maskZero")));
    private final int[] stateSizes;
    private boolean maskZero, remember;
    private List<Module> clones;
    private RecurrenceState st; // the per-forward unrolled state and its buffers

    /** A recurrence of step module r whose state entries are [B, stateSizes[i]]. */
    public Recurrence(Module r, int... stateSizes) {
        if (stateSizes.length < 1) throw new IllegalArgumentException("Recurrence: needs at least one state size");
        for (int s : stateSizes) if (s < 1) throw new IllegalArgumentException("Recurrence: state sizes must be positive, "
                + "got " + java.util.Arrays.toString(stateSizes));
        this.stateSizes = stateSizes.clone();
        add(r);
    }

    /** The recurrence of a cell: state {h, c} for an {@link LSTMCell}, h for an {@link RNNCell} or {@link GRUCell}. */
    public static Recurrence of(RecurrentCell cell) {
        int h = cell.hiddenSize();
        return cell instanceof LSTMCell ? new Recurrence(cell, h, h) : new Recurrence(cell, h);
    }

    @Override public Recurrence add(Module m) {
        if (!modules.isEmpty()) throw new IllegalArgumentException(name() + ": takes exactly one step module");
        super.add(m);
        return this;
    }

    /** The step module r. */
    public Module module() { return modules.getFirst(); }

    /** The state sizes S_1..S_k. */
    public int[] stateSizes() { return stateSizes.clone(); }

    /** All-zero input rows are padding (see the class comment); returns this. */
    public Recurrence maskZero(boolean on) { maskZero = on; return this; }

    public boolean isMaskZero() { return maskZero; }

    /**
     * Carries the final state of each forward into the next one, detached (truncated BPTT); returns this. The state is
     * also dropped by {@code clearState()}, {@code to(dtype)} and clones; a forward with another batch size throws.
     */
    public Recurrence rememberState(boolean on) {
        remember = on;
        if (!on) forget();
        return this;
    }

    public boolean isRememberingState() { return remember; }

    /** Drops the remembered state: the next forward starts from zeros. */
    public void forget() { if (st != null) st.forget(); }

    @Override public Recurrence clone() { return (Recurrence) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor x;
        Tensor[] s0 = null;
        if (input instanceof Table t) {
            if (t.size() != stateSizes.length + 1) throw new IllegalArgumentException(name() + ": expected x [T, B, I] "
                    + "or a table {x, s0_1.." + stateSizes.length + "} of " + (stateSizes.length + 1) + " entries, got "
                    + t.size());
            x = t.tensor(0);
            s0 = new Tensor[stateSizes.length];
            for (int i = 0; i < s0.length; i++) s0[i] = t.tensor(i + 1);
        } else {
            x = (Tensor) input;
        }
        if (x.dim() < 3) throw new IllegalArgumentException(name() + ": expected x [T, B, I] (time first), got "
                + x.shape());
        clones = Steps.clones(module(), clones, x.size(0));
        if (st == null) st = new RecurrenceState(this, stateSizes);
        return st.forward(clones, x, s0, maskZero, remember);
    }

    private RecurrenceState state(String what, Activity input) {
        requireForward(what);
        return st;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        return state("updateGradInput", input).backward(clones, gradOutput, 0, false);
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        state("accGradParameters", input).accGradParameters(clones, gradOutput, scale);
    }

    @Override public Activity backward(Activity input, Activity gradOutput, double scale) {
        gradInput = state("backward", input).backward(clones, gradOutput, scale, true);
        return gradInput;
    }

    @Override protected void clearOwnState() {
        clones = null;
        st = null;
    }

    @Override public String name() {
        return "Recurrence(" + java.util.Arrays.toString(stateSizes) + (maskZero ? ", maskZero" : "") + ")";
    }
}
