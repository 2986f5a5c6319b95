package jtorch.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jtorch.nn.Criterion;
import jtorch.nn.FlatParameters;
import jtorch.nn.Sequential;
import jtorch.nn.activation.Tanh;
import jtorch.nn.criterion.CrossEntropyCriterion;
import jtorch.nn.criterion.MSECriterion;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optim;
import jtorch.optim.State;
import jtorch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 20 optimizer steps on a 4-8-3 Tanh MLP over one fixed batch, against PyTorch's torch.optim on the same network,
 * initial weights and data: the loss before every step and the flat parameters after the last; L-BFGS (fixed step
 * and strong Wolfe) as one call of 20 iterations against torch.optim.LBFGS (in F32 the strong-Wolfe run is only checked
 * to reach PyTorch's final loss within 1e-4: near convergence F32 rounding steers it elsewhere). PyTorch's
 * parameters() order (per layer: weight [out, in], then bias) is jtorch's getParameters order.
 */
class TrajectoryGoldenTest {

    static List<Golden.Kind> kinds() { return Golden.kinds(); }

    /** L-BFGS in F32 on the cpu back end: 2e-3 relative + 1e-5 absolute. */
    static final Golden.Kind LBFGS_F32 = new Golden.Kind("F32/cpu", jtorch.tensor.DType.F32, jtorch.backend.Backends.cpu(),
            2e-3, 1e-5);

    /** The MLP with parameters of kind's dtype on its back end, flattened. */
    static Sequential mlp(Golden.Kind kind) {
        Sequential net = new Sequential().add(new Linear(4, 8)).add(new Tanh()).add(new Linear(8, 3));
        for (int i : new int[] {0, 2}) {
            Linear l = (Linear) net.get(i);
            l.weight().set(l.weight().to(kind.dtype()).to(kind.backend()));
            l.bias().set(l.bias().to(kind.dtype()).to(kind.backend()));
            l.gradWeight().set(l.weight().zerosLike());
            l.gradBias().set(l.bias().zerosLike());
        }
        return net;
    }

    static double step(String optimizer, Feval f, Tensor x, Config c, State s) {
        return switch (optimizer) {
            case "sgd" -> Optim.sgd(f, x, c, s);
            case "adam" -> Optim.adam(f, x, c, s);
            case "adamw" -> Optim.adamw(f, x, c, s);
            case "rmsprop" -> Optim.rmsprop(f, x, c, s);
            case "adagrad" -> Optim.adagrad(f, x, c, s);
            case "adadelta" -> Optim.adadelta(f, x, c, s);
            default -> throw new AssertionError("fixture names an unknown optimizer " + optimizer);
        };
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @MethodSource("kinds")
    void trajectoriesMatchPyTorch(Golden.Kind kindAsked) {
        Map<String, Object> fx = Golden.load("trajectories.json");
        Tensor input = Golden.tensor(fx.get("input"), kindAsked);
        int steps = ((Double) fx.get("steps")).intValue();
        int n = 0;
        for (Map<String, Object> run : Golden.cases(fx, "runs")) {
            Golden.Kind kind = kindAsked;
            Sequential net = mlp(kind);
            FlatParameters p = net.getParameters();
            Tensor init = Golden.tensor(fx.get("init"), kind);
            assertEquals(init.numel(), p.weights().numel(), "flat parameter count");
            p.weights().copy(init);
            String critName = (String) run.get("criterion");
            Criterion crit = critName.equals("MSECriterion") ? new MSECriterion() : new CrossEntropyCriterion();
            Tensor target = Golden.tensor(fx.get(critName.equals("MSECriterion") ? "mseTarget" : "classTarget"), kind);
            Feval f = x -> {
                net.zeroGradParameters();
                Tensor out = net.forward(input);
                double loss = crit.forward(out, target);
                net.backward(input, crit.backward(out, target));
                return new Feval.Eval(loss, p.gradients());
            };
            Config config = new Config();
            ((Map<String, Object>) run.get("config")).forEach((k, v) -> config.set(k, (Double) v));
            String optimizer = (String) run.get("optimizer");
            State state = new State();
            String what = optimizer + " " + config + " " + critName;
            List<Object> want = (List<Object>) run.get("losses");
            double[] w = new double[want.size()];
            for (int i = 0; i < w.length; i++) w[i] = (Double) want.get(i);
            double[] losses;
            double worst;
            if (optimizer.equals("lbfgs")) {
                // one call; PyTorch recorded every closure evaluation
                losses = Optim.lbfgs(f, p.weights(), config, state);
                boolean wolfe = config.get("lineSearch", 0) != 0;
                if (kind.dtype() == jtorch.tensor.DType.F32 && wolfe) {
                    // F32 follows F64 only until the loss nears float resolution; check it got as far
                    assertEquals(w[w.length - 1], losses[losses.length - 1], 1e-4, what + " [F32] last loss");
                    Golden.report(what, kind, Double.NaN);
                    n++;
                    continue;
                }
                // in F32, L-BFGS's curvature pairs (differences of nearby gradients) magnify float rounding
                if (kind.dtype() == jtorch.tensor.DType.F32) kind = LBFGS_F32;
                else assertEquals(w.length, (int) state.get("funcEval", 0), what + ": evaluations");
                if (!wolfe) {
                    worst = Golden.assertMatches(what + " losses", w, losses, kind);
                } else { // f_hist holds the accepted values only; the last evaluation is the accepted one here
                    worst = Golden.assertMatches(what + " last loss", new double[] {w[w.length - 1]},
                            new double[] {losses[losses.length - 1]}, kind);
                }
            } else {
                losses = new double[steps];
                for (int i = 0; i < steps; i++) losses[i] = step(optimizer, f, p.weights(), config, state);
                worst = Golden.assertMatches(what + " losses", w, losses, kind);
            }
            worst = Math.max(worst, Golden.assertMatches(what + " final parameters", run.get("final"), p.weights(), kind));
            assertTrue(losses[losses.length - 1] < losses[0], what + ": the loss went down");
            Golden.report(what, kind, worst);
            n++;
        }
        assertTrue(n >= 14, "fixture runs read: " + n);
    }
}
