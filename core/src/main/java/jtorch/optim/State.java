package jtorch.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import jtorch.tensor.Tensor;

/**
 * What an optimizer keeps between steps (Torch7's {@code state} table): counters and buffers (momentum, moment
 * estimates), by name. Pass the same State to every step; save it with a checkpoint to resume exactly.
 */
public final class State {
    private final Map<String, Double> numbers = new LinkedHashMap<>();
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    public double get(String name, double defaultValue) { return numbers.getOrDefault(name, defaultValue); }

    public State set(String name, double value) { numbers.put(name, value); return this; }

    /** The named buffer, or null when absent. */
    public Tensor tensor(String name) { return tensors.get(name); }

    public State tensor(String name, Tensor t) { tensors.put(name, t); return this; }

    /** The named buffer, created as zeros shaped like {@code like} when absent. */
    public Tensor tensorLike(String name, Tensor like) { return tensors.computeIfAbsent(name, k -> like.zerosLike()); }

    public Map<String, Double> numbers() { return java.util.Collections.unmodifiableMap(numbers); }

    public Map<String, Tensor> tensors() { return java.util.Collections.unmodifiableMap(tensors); }
}
