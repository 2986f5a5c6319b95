package jtorch.optim;

import jtorch.tensor.Tensor;

/**
 * A line search along d from x₀ that returns a step t meeting the strong Wolfe conditions
 * <pre>
 *   f(x₀ + t·d) ≤ f(x₀) + c1 · t · ∇f(x₀)ᵀd          (sufficient decrease)
 *   |∇f(x₀ + t·d)ᵀd| ≤ c2 · |∇f(x₀)ᵀd|               (curvature)
 * </pre>
 * with c1 = 1e-4, c2 = 0.9 (Nocedal &amp; Wright, algorithms 3.5 and 3.6, as minFunc and PyTorch's
 * {@code line_search_fn='strong_wolfe'}). Phase 1 grows t (cubic extrapolation within [t + 0.01(t - t_prev), 10 t])
 * until an interval brackets an acceptable step; phase 2 shrinks the bracket by cubic interpolation of the two ends'
 * values and slopes, nudging a trial away from an end (to 10% of the width) when progress stalls. At most
 * {@value #MAX_EVALS} evaluations; stops early when the bracket is narrower than tolChange along d.
 * On return x = x₀ + t·d and f, g are the values there (g a copy, not the closure's buffer).
 */
final class StrongWolfe {
    static final double C1 = 1e-4, C2 = 0.9;
    static final int MAX_EVALS = 25;

    /** The accepted step, the loss and gradient there, and how many times feval ran. */
    record Result(double t, double f, Tensor g, int evals) {}

    private final Feval feval;
    private final Tensor x, x0, d;
    private int evals;

    private StrongWolfe(Feval feval, Tensor x, Tensor d) {
        this.feval = feval;
        this.x = x;
        this.x0 = x.clone();
        this.d = d;
    }

    /** One evaluated trial point. */
    record Point(double t, double f, Tensor g, double gtd) {}

    private Point eval(double t) {
        x.copy(x0).addInPlace(t, d);
        Feval.Eval e = feval.apply(x);
        Tensor g = Optim.checkGradient("lbfgs line search", x, e).clone();
        evals++;
        return new Point(t, e.loss(), g, g.dot(d));
    }

    /** Searches from x (holding x₀) along d, starting with step t; f, g, gtd are the loss, gradient, slope at x₀. */
    static Result search(Feval feval, Tensor x, double t, Tensor d, double f, Tensor g, double gtd, double tolChange) {
        return new StrongWolfe(feval, x, d).run(t, new Point(0, f, g, gtd), tolChange);
    }

    private Result run(double t, Point start, double tolChange) {
        double dMax = d.abs().max();
        Point prev = start, cur = eval(t), lo = null, hi = null;
        // phase 1: bracket
        while (true) {
            if (cur.f() > start.f() + C1 * cur.t() * start.gtd() || (evals > 1 && cur.f() >= prev.f())) {
                lo = prev; hi = cur; break;
            }
            if (Math.abs(cur.gtd()) <= -C2 * start.gtd()) return finish(cur);
            if (cur.gtd() >= 0) { lo = cur; hi = prev; break; }
            if (evals >= MAX_EVALS) return finish(cur);
            double minStep = cur.t() + 0.01 * (cur.t() - prev.t()), maxStep = cur.t() * 10;
            double next = cubicMin(prev, cur, minStep, maxStep);
            prev = cur;
            cur = eval(next);
        }
        // phase 2: zoom; lo is the end with the lower f that satisfies sufficient decrease, and the slope at lo
        // points towards hi
        boolean stalled = false;
        while (evals < MAX_EVALS) {
            if (Math.abs(hi.t() - lo.t()) * dMax < tolChange) break;
            double a = Math.min(lo.t(), hi.t()), b = Math.max(lo.t(), hi.t());
            double next = cubicMin(lo, hi, a, b);
            double margin = 0.1 * (b - a);
            if (Math.min(b - next, next - a) < margin) {
                if (stalled || next >= b || next <= a) {
                    next = Math.abs(next - b) < Math.abs(next - a) ? b - margin : a + margin;
                    stalled = false;
                } else {
                    stalled = true;
                }
            } else {
                stalled = false;
            }
            Point p = eval(next);
            if (p.f() > start.f() + C1 * p.t() * start.gtd() || p.f() >= lo.f()) {
                hi = p;
            } else {
                if (Math.abs(p.gtd()) <= -C2 * start.gtd()) return finish(p);
                if (p.gtd() * (hi.t() - lo.t()) >= 0) hi = lo;
                lo = p;
            }
        }
        return finish(lo);
    }

    /** Leaves x at x₀ + t·d for the accepted point. */
    private Result finish(Point p) {
        x.copy(x0).addInPlace(p.t(), d);
        return new Result(p.t(), p.f(), p.g(), evals);
    }

    /**
     * The minimiser of the cubic through (t₁, f₁, f'₁) and (t₂, f₂, f'₂), clamped to [lo, hi]; the middle of
     * [lo, hi] when the cubic has no real minimiser.
     */
    static double cubicMin(Point p1, Point p2, double lo, double hi) {
        double t1 = p1.t(), t2 = p2.t();
        double d1 = p1.gtd() + p2.gtd() - 3 * (p1.f() - p2.f()) / (t1 - t2);
        double disc = d1 * d1 - p1.gtd() * p2.gtd();
        if (!(disc >= 0)) return (lo + hi) / 2;
        double d2 = Math.sqrt(disc);
        double m = t1 <= t2
                ? t2 - (t2 - t1) * ((p2.gtd() + d2 - d1) / (p2.gtd() - p1.gtd() + 2 * d2))
                : t1 - (t1 - t2) * ((p1.gtd() + d2 - d1) / (p1.gtd() - p2.gtd() + 2 * d2));
        if (Double.isNaN(m)) return (lo + hi) / 2;
        return Math.min(Math.max(m, lo), hi);
    }
}
