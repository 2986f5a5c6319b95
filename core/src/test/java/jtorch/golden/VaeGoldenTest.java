package jtorch.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import jtorch.nn.Criterion;
import jtorch.nn.criterion.BCEWithLogitsCriterion;
import jtorch.nn.criterion.GaussianCriterion;
import jtorch.nn.criterion.KLDCriterion;
import jtorch.nn.criterion.Reduction;
import jtorch.tensor.Activity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The VAE criteria against PyTorch (tools/golden/make_vae_golden.py, golden/vae.json): BCEWithLogitsCriterion against
 * {@code binary_cross_entropy_with_logits}, GaussianCriterion against {@code gaussian_nll_loss} (full and not), and
 * KLDCriterion against the closed-form KL (checked there against {@code torch.distributions.kl_divergence}), each with
 * the reductions mean, batchmean (PyTorch's sum / B) and sum: loss and gradients.
 */
class VaeGoldenTest {

    static List<Golden.Kind> kinds() { return Golden.kinds(); }

    @ParameterizedTest
    @MethodSource("kinds")
    void vaeCriteriaMatchPyTorch(Golden.Kind kind) {
        int n = 0;
        for (Map<String, Object> c : Golden.cases(Golden.load("vae.json"), "cases")) {
            Reduction r = Reduction.of((String) c.get("reduction"));
            Criterion crit = switch ((String) c.get("criterion")) {
                case "BCEWithLogitsCriterion" -> new BCEWithLogitsCriterion().reduction(r);
                case "GaussianCriterion" -> new GaussianCriterion((Boolean) c.get("full")).reduction(r);
                case "KLDCriterion" -> new KLDCriterion().reduction(r);
                default -> throw new AssertionError("fixture names an unknown criterion " + c.get("criterion"));
            };
            Activity x = Golden.activity(c.get("input"), kind);
            Activity t = c.containsKey("target") ? Golden.activity(c.get("target"), kind) : null;
            String what = c.get("criterion") + " " + r.pytorchName() + (c.containsKey("full") ? " full=" + c.get("full") : "");
            double loss = crit.forward(x, t);
            double worst = Golden.assertMatches(what + " loss", new double[] {(Double) c.get("loss")}, new double[] {loss}, kind);
            worst = Math.max(worst, Golden.assertMatches(what + " gradInput", c.get("gradInput"), crit.backward(x, t), kind));
            Golden.report(what, kind, worst);
            n++;
        }
        assertEquals(24, n, "fixture cases read");
    }
}
