package jtorch.optim;

import java.util.Arrays;
import java.util.Set;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/**
 * Limited-memory BFGS, Torch7's {@code optim.lbfgs} (which PyTorch's {@code torch.optim.LBFGS} ports). One call runs
 * up to maxIter iterations and returns the f values seen: f(x) at entry, then the value after each step.
 * <p>Iteration j (global count kept in the state), with g = ∇f(x):
 * <pre>
 *   j = 1:  d ← -g,  H₀ = 1
 *   j > 1:  y ← g - g_old,  s ← t·d;  if yᵀs > 1e-10: push (s, y) (dropping the oldest past nCorrection), H₀ ← yᵀs / yᵀy
 *           d ← -H·g by the two-loop recursion over the stored pairs (ρᵢ = 1 / yᵢᵀsᵢ):
 *             q ← -g;  for i newest→oldest: αᵢ ← ρᵢ sᵢᵀq,  q ← q - αᵢ yᵢ
 *             d ← H₀ q; for i oldest→newest: βᵢ ← ρᵢ yᵢᵀd,  d ← d + (αᵢ - βᵢ) sᵢ
 *   t ← (j = 1 ? min(1, 1/‖g‖₁) : 1) · learningRate;   stop if gᵀd > -tolX
 *   lineSearch = 0: x ← x + t·d, then re-evaluate f, g (not after the last iteration of the call)
 *   lineSearch = 1: t from a strong-Wolfe search ({@link StrongWolfe}) starting at that t; x ← x + t·d
 * </pre>
 * Stops after maxIter iterations or maxEval evaluations in this call, or when ‖g‖₁ ≤ tolFun, ‖t·d‖₁ ≤ tolX or
 * |f - f_old| &lt; tolX (also ‖g‖₁ ≤ tolFun at entry: no step).
 * Options (defaults): maxIter (20), maxEval (1.25·maxIter), tolFun (1e-5), tolX (1e-9), nCorrection (100),
 * learningRate (1), lineSearch (0 = fixed step, 1 = strong Wolfe).
 * State: numbers {@code funcEval, nIter, Hdiag, t, f_old, historySize, historyStart}; buffers {@code d, g_old},
 * the history ring {@code s<i>, y<i>} (i &lt; nCorrection) and scratch {@code g, q, sNew, yNew}. A later call
 * continues from it (the history carries over).
 */
public final class Lbfgs {
    static final Set<String> OPTIONS = Set.of("maxIter", "maxEval", "tolFun", "tolX", "nCorrection", "learningRate",
            "lineSearch");

    private Lbfgs() {}

    public static double[] step(Feval feval, Tensor x, Config config, State state) {
        config.check("lbfgs", OPTIONS);
        int maxIter = config.integer("lbfgs", "maxIter", 20, 1);
        double maxEval = config.nonNegative("lbfgs", "maxEval", maxIter * 1.25);
        double tolFun = config.nonNegative("lbfgs", "tolFun", 1e-5), tolX = config.nonNegative("lbfgs", "tolX", 1e-9);
        int m = config.integer("lbfgs", "nCorrection", 100, 1);
        double lr = config.nonNegative("lbfgs", "learningRate", 1);
        int lineSearch = config.integer("lbfgs", "lineSearch", 0, 0);
        if (lineSearch > 1) throw new IllegalArgumentException("lbfgs: lineSearch must be 0 (fixed step) or 1 (strong Wolfe), got "
                + lineSearch);
        if (x.dim() != 1) throw new IllegalArgumentException("lbfgs: expected flat 1-d parameters, got " + x.shape());
        int k = (int) state.get("historySize", 0), start = (int) state.get("historyStart", 0);
        if (k > m) throw new IllegalArgumentException("lbfgs: the state holds " + k + " corrections, more than nCorrection " + m);
        double hdiag = state.get("Hdiag", 1), t = state.get("t", 0);

        Feval.Eval e = feval.apply(x);
        double f = e.loss(), fOld = state.get("f_old", f);
        Tensor g = state.tensorLike("g", x).copy(Optim.checkGradient("lbfgs", x, e));
        double[] hist = new double[maxIter + 1];
        int nHist = 0;
        hist[nHist++] = f;
        int evals = 1;
        state.set("funcEval", state.get("funcEval", 0) + 1);
        if (g.norm(1) <= tolFun) return Arrays.copyOf(hist, nHist);

        Tensor d = state.tensorLike("d", x), gOld = state.tensorLike("g_old", x);
        for (int iter = 1; iter <= maxIter; iter++) {
            double nIter = state.get("nIter", 0) + 1;
            state.set("nIter", nIter);
            if (nIter == 1) {
                g.apply(UnaryOp.NEG, 0, 0, d);
                k = 0;
                start = 0;
                hdiag = 1;
            } else {
                Tensor y = state.tensorLike("yNew", x), s = state.tensorLike("sNew", x);
                g.sub(gOld, y);
                d.apply(UnaryOp.MUL, t, 0, s);
                double ys = y.dot(s);
                if (ys > 1e-10) {
                    int slot;
                    if (k == m) { slot = start; start = (start + 1) % m; } else { slot = (start + k) % m; k++; }
                    swap(state, "y" + slot, "yNew");
                    swap(state, "s" + slot, "sNew");
                    hdiag = ys / y.dot(y);
                }
                direction(state, g, d, k, start, m, hdiag);
            }
            gOld.copy(g);
            fOld = f;
            t = (nIter == 1 ? Math.min(1, 1 / g.norm(1)) : 1) * lr;
            double gtd = g.dot(d);
            if (gtd > -tolX) break;
            int lsEvals = 0;
            if (lineSearch == 1) {
                StrongWolfe.Result r = StrongWolfe.search(feval, x, t, d, f, g, gtd, tolX);
                f = r.f();
                g.copy(r.g());
                t = r.t();
                lsEvals = r.evals();
                hist[nHist++] = f;
            } else {
                x.addInPlace(t, d);
                if (iter != maxIter) {
                    e = feval.apply(x);
                    f = e.loss();
                    g.copy(Optim.checkGradient("lbfgs", x, e));
                    lsEvals = 1;
                    hist[nHist++] = f;
                }
            }
            evals += lsEvals;
            state.set("funcEval", state.get("funcEval", 0) + lsEvals);
            if (iter == maxIter || evals >= maxEval) break;
            if (g.norm(1) <= tolFun || Math.abs(t) * d.norm(1) <= tolX || Math.abs(f - fOld) < tolX) break;
        }
        state.set("historySize", k).set("historyStart", start).set("Hdiag", hdiag).set("t", t).set("f_old", fOld);
        return Arrays.copyOf(hist, nHist);
    }

    /** d ← -H·g by the two-loop recursion over the k stored pairs, oldest at ring index start. */
    private static void direction(State state, Tensor g, Tensor d, int k, int start, int m, double hdiag) {
        double[] al = new double[k], ro = new double[k];
        Tensor[] s = new Tensor[k], y = new Tensor[k];
        for (int i = 0; i < k; i++) {
            int p = (start + i) % m;
            s[i] = state.tensor("s" + p);
            y[i] = state.tensor("y" + p);
            ro[i] = 1 / y[i].dot(s[i]);
        }
        Tensor q = g.apply(UnaryOp.NEG, 0, 0, state.tensorLike("q", g));
        for (int i = k - 1; i >= 0; i--) {
            al[i] = s[i].dot(q) * ro[i];
            q.addInPlace(-al[i], y[i]);
        }
        q.apply(UnaryOp.MUL, hdiag, 0, d);
        for (int i = 0; i < k; i++) {
            double be = y[i].dot(d) * ro[i];
            d.addInPlace(al[i] - be, s[i]);
        }
    }

    /** Exchanges two named buffers (the accepted new pair takes the ring slot; the slot's old tensor becomes scratch). */
    private static void swap(State state, String a, String b) {
        Tensor ta = state.tensor(a), tb = state.tensor(b);
        state.tensor(a, tb);
        if (ta != null) state.tensor(b, ta); else state.remove(b);
    }
}
