package jtorch.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jtorch.tensor.Tensor;

/**
 * What {@link Module#loadStateDict} did not match (PyTorch's {@code _IncompatibleKeys}).
 *
 * @param missing    names the network has but the given state lacks (left unchanged)
 * @param unexpected names in the given state that the network does not have (ignored)
 */
public record StateDictResult(List<String> missing, List<String> unexpected) {

    static StateDictResult load(Module m, Map<String, Tensor> state, boolean strict) {
        if (state == null) throw new IllegalArgumentException(m.name() + ".loadStateDict: null state");
        Map<String, Tensor> own = m.stateDict();
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), wrongShape = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) missing.add(e.getKey());
            else if (!Arrays.equals(src.sizes(), e.getValue().sizes())) wrongShape.add("'" + e.getKey() + "' is "
                    + Arrays.toString(src.sizes()) + " in the state but " + Arrays.toString(e.getValue().sizes())
                    + " in the network");
        }
        for (String k : state.keySet()) if (!own.containsKey(k)) unexpected.add(k);
        if (!wrongShape.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()))) {
            StringBuilder sb = new StringBuilder(m.name()).append(".loadStateDict: ");
            if (!wrongShape.isEmpty()) sb.append("shape mismatch: ").append(String.join("; ", wrongShape)).append(". ");
            if (strict && !missing.isEmpty()) sb.append("missing: ").append(missing).append(". ");
            if (strict && !unexpected.isEmpty()) sb.append("unexpected: ").append(unexpected).append(". ");
            sb.append("Nothing was copied");
            if (wrongShape.isEmpty()) sb.append(" (strict = false ignores missing and unexpected names)");
            throw new IllegalArgumentException(sb.toString());
        }
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) continue;
            Tensor dst = e.getValue();
            dst.copy(src.backend() == dst.backend() ? src : src.to(dst.backend()));
        }
        return new StateDictResult(List.copyOf(missing), List.copyOf(unexpected));
    }
}
