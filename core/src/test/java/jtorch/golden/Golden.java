package jtorch.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import jtorch.backend.Backend;
import jtorch.backend.Backends;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Loads the fixtures that {@code tools/golden/make_golden.py} wrote from PyTorch (core/src/test/resources/golden)
 * and compares jtorch's results with them. A fixture tensor is {@code {"shape": [...], "data": [...]}}, with
 * {@code "dtype": "int"} for class indices.
 */
final class Golden {
    private Golden() {}

    /**
     * Where to run and how closely to match: {@code |got - want| <= rtol·|want| + atol} element-wise.
     * F64 on the reference back end: 1e-9 relative (tighter than the 1e-5 asked for; measured worst 8e-13); F32 on the
     * cpu back end: 1e-4 relative + 1e-6 absolute (float rounding accumulated over 20 optimizer steps).
     */
    record Kind(String label, DType dtype, Backend backend, double rtol, double atol) {
        @Override public String toString() { return label; }
    }

    static final Kind F64_REF = new Kind("F64/ref", DType.F64, Backends.ref(), 1e-9, 1e-12);
    static final Kind F32_CPU = new Kind("F32/cpu", DType.F32, Backends.cpu(), 1e-4, 1e-6);

    static List<Kind> kinds() { return List.of(F64_REF, F32_CPU); }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) throw new IllegalStateException("missing fixture golden/" + name
                    + " (regenerate with python3 tools/golden/make_golden.py)");
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("reading golden/" + name, e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cases(Map<String, Object> fixture, String key) {
        return (List<Map<String, Object>>) fixture.get(key);
    }

    @SuppressWarnings("unchecked")
    static double[] data(Object json) {
        List<Object> d = (List<Object>) ((Map<String, Object>) json).get("data");
        double[] out = new double[d.size()];
        for (int i = 0; i < out.length; i++) out[i] = (Double) d.get(i);
        return out;
    }

    @SuppressWarnings("unchecked")
    static int[] shape(Object json) {
        List<Object> d = (List<Object>) ((Map<String, Object>) json).get("shape");
        int[] out = new int[d.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Double) d.get(i)).intValue();
        return out;
    }

    /** A fixture tensor in kind's dtype (I32 for class indices) on kind's back end. */
    @SuppressWarnings("unchecked")
    static Tensor tensor(Object json, Kind kind) {
        double[] d = data(json);
        int[] shape = shape(json);
        if ("int".equals(((Map<String, Object>) json).get("dtype"))) {
            int[] ints = new int[d.length];
            for (int i = 0; i < d.length; i++) ints[i] = (int) d[i];
            return Tensor.of(ints, shape).to(kind.backend());
        }
        return Tensor.of(d, shape).to(kind.dtype()).to(kind.backend());
    }

    /** A tensor, or a table of tensors for a JSON list. */
    @SuppressWarnings("unchecked")
    static Activity activity(Object json, Kind kind) {
        if (json instanceof List<?> l) return Table.of(l.stream().map(o -> (Activity) tensor(o, kind)).toList());
        return tensor(json, kind);
    }

    /** Prints a measured worst error when run with {@code -Djtorch.golden.report=true}. */
    static void report(String what, Kind kind, double worst) {
        if (Boolean.getBoolean("jtorch.golden.report")) System.out.printf("golden %-45s %-8s max rel err %.2e%n", what, kind, worst);
    }

    /**
     * Asserts got matches the fixture tensor (same shape) within kind's tolerance; returns the largest relative error
     * |got - want| / max(|want|, 1e-6).
     */
    static double assertMatches(String what, Object want, Tensor got, Kind kind) {
        int[] s = shape(want);
        assertTrue(java.util.Arrays.equals(s, got.sizes()), () -> what + ": shape " + got.shape() + ", PyTorch "
                + java.util.Arrays.toString(s));
        return assertMatches(what, data(want), got.toDoubleArray(), kind);
    }

    static double assertMatches(String what, double[] want, double[] got, Kind kind) {
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            double w = want[i], g = got[i], err = Math.abs(g - w);
            int at = i;
            assertTrue(err <= kind.rtol() * Math.abs(w) + kind.atol(), () -> what + " [" + kind + "] element " + at
                    + ": jtorch " + g + ", PyTorch " + w);
            worst = Math.max(worst, err / Math.max(Math.abs(w), 1e-6));
        }
        return worst;
    }

    /** {@link #assertMatches} for tensors or tables of them. */
    @SuppressWarnings("unchecked")
    static double assertMatches(String what, Object want, Activity got, Kind kind) {
        if (want instanceof List<?> l) {
            Table t = got.toTable(what);
            assertTrue(t.size() == l.size(), what + ": a table of " + t.size() + ", PyTorch " + l.size());
            double worst = 0;
            for (int i = 0; i < l.size(); i++) worst = Math.max(worst, assertMatches(what + "[" + i + "]", l.get(i), t.tensor(i), kind));
            return worst;
        }
        return assertMatches(what, want, got.toTensor(what), kind);
    }
}
