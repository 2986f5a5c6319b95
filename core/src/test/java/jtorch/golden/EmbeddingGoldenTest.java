package jtorch.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import jtorch.nn.Criterion;
import jtorch.nn.criterion.ContrastiveCriterion;
import jtorch.nn.criterion.TripletMarginCriterion;
import jtorch.tensor.Activity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TripletMarginCriterion against PyTorch's nn.TripletMarginLoss (margins, p = 1, 2, 3, eps, swap; mean and sum) and
 * ContrastiveCriterion against the DrLIM formula written in torch with autograd gradients; fixtures from
 * tools/golden/make_embedding_golden.py (embedding.json).
 */
class EmbeddingGoldenTest {

    @SuppressWarnings("unchecked")
    static Criterion make(Map<String, Object> c) {
        Map<String, Object> o = (Map<String, Object>) c.get("options");
        Criterion crit = switch ((String) c.get("criterion")) {
            case "TripletMarginCriterion" -> new TripletMarginCriterion((Double) o.get("margin"), (Double) o.get("p"),
                    (Double) o.get("eps"), (Boolean) o.get("swap"));
            case "ContrastiveCriterion" -> new ContrastiveCriterion((Double) o.get("margin"));
            default -> throw new AssertionError("fixture names an unknown criterion " + c.get("criterion"));
        };
        return crit.sizeAverage((Boolean) c.get("sizeAverage"));
    }

    @ParameterizedTest
    @MethodSource("jtorch.golden.Golden#kinds")
    void embeddingCriteriaMatchPyTorch(Golden.Kind kind) {
        int n = 0;
        for (Map<String, Object> c : Golden.cases(Golden.load("embedding.json"), "cases")) {
            Criterion crit = make(c);
            Activity x = Golden.activity(c.get("input"), kind);
            Activity t = c.containsKey("target") ? Golden.activity(c.get("target"), kind) : null;
            String what = c.get("criterion") + " " + c.get("options") + " sizeAverage=" + c.get("sizeAverage");
            double loss = crit.forward(x, t);
            double worst = Golden.assertMatches(what + " loss", new double[] {(Double) c.get("loss")}, new double[] {loss}, kind);
            worst = Math.max(worst, Golden.assertMatches(what + " gradInput", c.get("gradInput"), crit.backward(x, t), kind));
            Golden.report(what, kind, worst);
            n++;
        }
        assertTrue(n >= 14, "fixture cases read: " + n);
    }
}
