package jtorch.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jtorch.nn.Criterion;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.criterion.CosineEmbeddingCriterion;
import jtorch.nn.criterion.CrossEntropyCriterion;
import jtorch.nn.criterion.MarginRankingCriterion;
import jtorch.nn.criterion.SmoothL1Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Criteria against PyTorch's losses (mean and sum reductions = sizeAverage true and false): NLLLoss, CrossEntropyLoss
 * (with class weights and ignore_index), MarginRankingLoss, CosineEmbeddingLoss, SmoothL1Loss (beta 1 and 0.5).
 */
class CriteriaGoldenTest {

    static List<Golden.Kind> kinds() { return Golden.kinds(); }

    @SuppressWarnings("unchecked")
    static Criterion make(Map<String, Object> c, Golden.Kind kind) {
        Map<String, Object> o = (Map<String, Object>) c.get("options");
        Tensor weights = null;
        if (o.containsKey("weights")) {
            List<Object> w = (List<Object>) o.get("weights");
            double[] d = new double[w.size()];
            for (int i = 0; i < d.length; i++) d[i] = (Double) w.get(i);
            weights = Tensor.of(d, d.length).to(kind.dtype()).to(kind.backend());
        }
        int ignore = o.containsKey("ignoreIndex") ? ((Double) o.get("ignoreIndex")).intValue() : ClassNLLCriterion.NO_IGNORE;
        Criterion crit = switch ((String) c.get("criterion")) {
            case "ClassNLLCriterion" -> new ClassNLLCriterion(weights, ignore);
            case "CrossEntropyCriterion" -> new CrossEntropyCriterion(weights, ignore);
            case "MarginRankingCriterion" -> new MarginRankingCriterion((Double) o.get("margin"));
            case "CosineEmbeddingCriterion" -> new CosineEmbeddingCriterion((Double) o.get("margin"));
            case "SmoothL1Criterion" -> new SmoothL1Criterion((Double) o.get("beta"));
            default -> throw new AssertionError("fixture names an unknown criterion " + c.get("criterion"));
        };
        return crit.sizeAverage((Boolean) c.get("sizeAverage"));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void criteriaMatchPyTorch(Golden.Kind kind) {
        int n = 0;
        for (Map<String, Object> c : Golden.cases(Golden.load("criteria.json"), "cases")) {
            Criterion crit = make(c, kind);
            Activity x = Golden.activity(c.get("input"), kind), t = Golden.activity(c.get("target"), kind);
            String what = c.get("criterion") + " " + c.get("options") + " sizeAverage=" + c.get("sizeAverage");
            double loss = crit.forward(x, t);
            double worst = Golden.assertMatches(what + " loss", new double[] {(Double) c.get("loss")}, new double[] {loss}, kind);
            worst = Math.max(worst, Golden.assertMatches(what + " gradInput", c.get("gradInput"), crit.backward(x, t), kind));
            Golden.report(what, kind, worst);
            n++;
        }
        assertTrue(n >= 20, "fixture cases read: " + n);
    }
}
