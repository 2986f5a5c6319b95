package jtorch.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jtorch.nn.Module;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.rnn.GRUCell;
import jtorch.nn.rnn.LSTMCell;
import jtorch.nn.rnn.MaskedNLLCriterion;
import jtorch.nn.rnn.Recurrence;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sequence machinery against PyTorch (fixture golden/seq.json from tools/golden/make_seq_golden.py):
 * {@code Recurrence.of(LSTMCell / GRUCell)} with a given initial state against a one-layer nn.LSTM / nn.GRU, and with
 * {@code maskZero(true)} on right-padded sequences against pack_padded_sequence (outputs, final states, input, state
 * and parameter gradients); MaskedNLLCriterion against nll_loss with ignore_index (mean and sum, with class weights).
 * F64 on ref within 1e-10 relative (+1e-12); F32 on cpu 1e-4 relative (+1e-5).
 */
class SeqGoldenTest {

    static List<Golden.Kind> kinds() { return RnnGoldenTest.kinds(); }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @MethodSource("kinds")
    void recurrencesMatchPyTorch(Golden.Kind kind) {
        int n = 0;
        for (Map<String, Object> c : Golden.cases(Golden.load("seq.json"), "recurrences")) {
            int i = ((Double) c.get("inputSize")).intValue(), h = ((Double) c.get("hiddenSize")).intValue();
            Recurrence r = Recurrence.of(c.get("module").equals("LSTM") ? new LSTMCell(i, h) : new GRUCell(i, h))
                    .maskZero((Boolean) c.get("maskZero")).to(kind.dtype());
            Map<String, Tensor> state = new LinkedHashMap<>();
            ((Map<String, Object>) c.get("params")).forEach((k, v) -> state.put("0." + k, Golden.tensor(v, kind)));
            r.loadStateDict(state, true);
            r.zeroGradParameters();
            Activity x = Golden.activity(c.get("inputs"), kind), g = Golden.activity(c.get("gradOutput"), kind);
            String what = r.name() + " lengths " + c.get("lengths");
            double worst = Golden.assertMatches(what + " output", c.get("output"), r.forward(x), kind);
            worst = Math.max(worst, Golden.assertMatches(what + " gradInput", c.get("gradInput"), r.backward(x, g), kind));
            for (Module.Parameter p : r.namedParameters())
                worst = Math.max(worst, Golden.assertMatches(what + " grad " + p.name(),
                        ((Map<String, Object>) c.get("grads")).get(p.name().substring(2)), p.gradient(), kind));
            Golden.report(what, kind, worst);
            n++;
        }
        assertEquals(4, n, "fixture cases");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void maskedNllMatchesPyTorch(Golden.Kind kind) {
        int n = 0;
        for (Map<String, Object> c : Golden.cases(Golden.load("seq.json"), "nll")) {
            Tensor w = c.containsKey("weights") ? Golden.tensor(c.get("weights"), kind) : null;
            MaskedNLLCriterion crit = new MaskedNLLCriterion(w, ((Double) c.get("ignoreIndex")).intValue());
            crit.sizeAverage((Boolean) c.get("sizeAverage"));
            Tensor x = Golden.tensor(c.get("input"), kind), y = Golden.tensor(c.get("target"), kind);
            double loss = crit.forward(x, y), want = (Double) c.get("loss");
            double worst = Golden.assertMatches(crit.name() + " loss", new double[] {want}, new double[] {loss}, kind);
            worst = Math.max(worst, Golden.assertMatches(crit.name() + " gradInput", c.get("gradInput"),
                    crit.backward(x, y), kind));
            Golden.report(crit.name(), kind, worst);
            n++;
        }
        assertEquals(3, n, "fixture cases");
        assertEquals(ClassNLLCriterion.NO_IGNORE, new MaskedNLLCriterion(ClassNLLCriterion.NO_IGNORE).ignoreIndex());
    }
}
