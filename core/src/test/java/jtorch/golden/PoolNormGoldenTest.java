package jtorch.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jtorch.backend.Backends;
import jtorch.nn.Module;
import jtorch.nn.TensorModule;
import jtorch.nn.norm.*;
import jtorch.nn.pool.*;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pooling and normalisation modules against PyTorch (fixture golden/poolnorm.json from
 * tools/golden/make_poolnorm_golden.py): max / average / Lp / adaptive pooling (1-d, 2-d, 3-d, padding, ceil mode,
 * count-include-pad on and off), batch norm 1-d/2-d/3-d (running statistics after 5 training steps, the 5th step's
 * output and gradients, then evaluation mode), LayerNorm, GroupNorm and LocalResponseNorm: outputs, gradInput and
 * parameter gradients. Tolerances: F64 on ref 1e-10 relative (+1e-12); F32 on cpu 1e-4 relative (+1e-5 absolute).
 */
class PoolNormGoldenTest {
    static final Golden.Kind F64 = new Golden.Kind("F64/ref", DType.F64, Backends.ref(), 1e-10, 1e-12);
    static final Golden.Kind F32 = new Golden.Kind("F32/cpu", DType.F32, Backends.cpu(), 1e-4, 1e-5);

    static List<Golden.Kind> kinds() { return List.of(F64, F32); }

    @SuppressWarnings("unchecked")
    private static int[] ints(Object list) {
        return ((List<Object>) list).stream().mapToInt(v -> ((Double) v).intValue()).toArray();
    }

    /** An int list field, or null (absent, or a number such as LRN's k). */
    private static int[] list(Map<String, Object> c, String key) { return c.get(key) instanceof List<?> l ? ints(l) : null; }

    private static int i(Map<String, Object> c, String k) { return ((Double) c.get(k)).intValue(); }

    private static double d(Map<String, Object> c, String k) { return (Double) c.get(k); }

    private static boolean b(Map<String, Object> c, String k) { return (Boolean) c.get(k); }

    /** The jtorch module of a case; geometry arrays come in tensor order and go to Torch7's constructor order. */
    private static Module build(Map<String, Object> c) {
        String name = (String) c.get("module");
        int[] k = list(c, "k"), s = list(c, "d"), p = list(c, "pad"), o = list(c, "out");
        return switch (name) {
            case "TemporalMaxPooling" -> new TemporalMaxPooling(k[0], s[0], p[0]).ceil(b(c, "ceil"));
            case "SpatialMaxPooling" -> new SpatialMaxPooling(k[1], k[0], s[1], s[0], p[1], p[0]).ceil(b(c, "ceil"));
            case "VolumetricMaxPooling" -> new VolumetricMaxPooling(k[0], k[2], k[1], s[0], s[2], s[1], p[0], p[2], p[1])
                    .ceil(b(c, "ceil"));
            case "TemporalAveragePooling" -> new TemporalAveragePooling(k[0], s[0], p[0]).ceil(b(c, "ceil"))
                    .countIncludePad(b(c, "countIncludePad"));
            case "SpatialAveragePooling" -> new SpatialAveragePooling(k[1], k[0], s[1], s[0], p[1], p[0]).ceil(b(c, "ceil"))
                    .countIncludePad(b(c, "countIncludePad"));
            case "VolumetricAveragePooling" -> new VolumetricAveragePooling(k[0], k[2], k[1], s[0], s[2], s[1], p[0], p[2], p[1])
                    .ceil(b(c, "ceil")).countIncludePad(b(c, "countIncludePad"));
            case "SpatialLPPooling" -> new SpatialLPPooling(3, d(c, "p"), k[1], k[0], s[1], s[0]);
            case "SpatialAdaptiveMaxPooling" -> new SpatialAdaptiveMaxPooling(o[1], o[0]);
            case "SpatialAdaptiveAveragePooling" -> new SpatialAdaptiveAveragePooling(o[1], o[0]);
            case "TemporalAdaptiveAveragePooling" -> new TemporalAdaptiveAveragePooling(o[0]);
            case "VolumetricAdaptiveMaxPooling" -> new VolumetricAdaptiveMaxPooling(o[0], o[2], o[1]);
            case "BatchNormalization" -> new BatchNormalization(i(c, "nFeature"), d(c, "eps"), d(c, "momentum"), true);
            case "SpatialBatchNormalization" -> new SpatialBatchNormalization(i(c, "nFeature"), d(c, "eps"), d(c, "momentum"), true);
            case "VolumetricBatchNormalization" -> new VolumetricBatchNormalization(i(c, "nFeature"), d(c, "eps"),
                    d(c, "momentum"), true);
            case "LayerNormalization" -> new LayerNormalization(ints(c.get("normalizedShape")), d(c, "eps"), true);
            case "GroupNormalization" -> new GroupNormalization(i(c, "numGroups"), i(c, "numChannels"), d(c, "eps"), true);
            case "SpatialCrossMapLRN" -> new SpatialCrossMapLRN(i(c, "size"), d(c, "alpha"), d(c, "beta"), d(c, "k"));
            default -> throw new IllegalStateException("no builder for fixture module " + name);
        };
    }

    /** Output and gradInput of one (input, gradOutput) pair; returns the worst relative error. */
    @SuppressWarnings("unchecked")
    private static double check(String what, Module m, Map<String, Object> c, Golden.Kind kind) {
        Tensor x = Golden.tensor(c.get("input"), kind), go = Golden.tensor(c.get("gradOutput"), kind);
        TensorModule t = (TensorModule) m;
        double worst = Golden.assertMatches(what + " output", c.get("output"), t.forward(x), kind);
        return Math.max(worst, Golden.assertMatches(what + " gradInput", c.get("gradInput"), t.backward(x, go), kind));
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @MethodSource("kinds")
    void poolingAndNormalisationMatchPyTorch(Golden.Kind kind) {
        int n = 0;
        for (Map<String, Object> c : Golden.cases(Golden.load("poolnorm.json"), "cases")) {
            Module m = build(c).to(kind.dtype());
            String what = m.toString();
            boolean params = c.containsKey("weight");
            if (params) {
                for (String p : new String[] {"weight", "bias"}) {
                    Module.Parameter par = m.namedParameters().stream().filter(q -> q.name().equals(p)).findFirst().orElseThrow();
                    par.weight().set(Golden.tensor(c.get(p), kind));
                    par.gradient().set(par.weight().zerosLike());
                }
            }
            if (c.containsKey("steps")) {
                BatchNorm bn = (BatchNorm) m;
                bn.runningMean().set(bn.runningMean().to(kind.backend()));
                bn.runningVar().set(bn.runningVar().to(kind.backend()));
                for (Object step : (List<Object>) c.get("steps")) bn.forward(Golden.tensor(step, kind));
            }
            double worst = check(what, m, c, kind);
            if (params) {
                for (Module.Parameter par : m.namedParameters()) {
                    String key = par.name().equals("weight") ? "gradWeight" : "gradBias";
                    worst = Math.max(worst, Golden.assertMatches(what + " " + key, c.get(key), par.gradient(), kind));
                }
            }
            if (c.containsKey("steps")) {
                BatchNorm bn = (BatchNorm) m;
                worst = Math.max(worst, Golden.assertMatches(what + " running mean after 5 steps", c.get("runningMean"),
                        bn.runningMean(), kind));
                worst = Math.max(worst, Golden.assertMatches(what + " running var after 5 steps", c.get("runningVar"),
                        bn.runningVar(), kind));
                bn.evaluate();
                worst = Math.max(worst, check(what + " evaluate", bn, (Map<String, Object>) c.get("eval"), kind));
            }
            Golden.report(what, kind, worst);
            n++;
        }
        assertTrue(n >= 22, "fixture cases read: " + n);
    }
}
