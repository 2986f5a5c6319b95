package jtorch.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import jtorch.tensor.Tensor;

/**
 * What an optimizer keeps between steps (Torch7's {@code state} table): counters and buffers (momentum, moment
 * estimates, L-BFGS history), by name. Pass the same State to every step. Everything an optimizer needs to continue
 * exactly is in {@link #numbers()} and {@link #tensors()}, so a checkpoint that saves both (and x) resumes bit for bit;
 * {@link #copy()} is the in-memory version of that.
 */
public final class State {
    private final Map<String, Double> numbers = new LinkedHashMap<>();
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    public double get(String name, double defaultValue) { return numbers.getOrDefault(name, defaultValue); }

    public State set(String name, double value) { numbers.put(name, value); return this; }

    /** The named buffer, or null when absent. */
    public Tensor tensor(String name) { return tensors.get(name); }

    public State tensor(String name, Tensor t) { tensors.put(name, t); return this; }

    /** The named buffer, created as zeros shaped like {@code like} when absent (or when its shape or dtype differs). */
    public Tensor tensorLike(String name, Tensor like) {
        Tensor t = tensors.get(name);
        if (t == null || !t.sameShape(like) || t.dtype() != like.dtype()) tensors.put(name, t = like.zerosLike());
        return t;
    }

    /** Drops a number or buffer of that name. */
    public State remove(String name) { numbers.remove(name); tensors.remove(name); return this; }

    public boolean isEmpty() { return numbers.isEmpty() && tensors.isEmpty(); }

    public Map<String, Double> numbers() { return Collections.unmodifiableMap(numbers); }

    public Map<String, Tensor> tensors() { return Collections.unmodifiableMap(tensors); }

    /** A deep copy: the same numbers and a clone of every buffer, so the two states then evolve independently. */
    public State copy() {
        State c = new State();
        c.numbers.putAll(numbers);
        tensors.forEach((k, t) -> c.tensors.put(k, t.clone()));
        return c;
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("State").append(numbers);
        tensors.forEach((k, t) -> sb.append(' ').append(k).append(t.shape()));
        return sb.toString();
    }
}
