package jtorch.backend;

/**
 * Element-wise operations of one tensor and up to two scalar parameters {@code a}, {@code b}.
 * {@link #apply(double, double, double)} is the definition every back end must match (the reference back end calls it).
 * Comparisons give 1 where true and 0 where false, in the output's dtype.
 */
public enum UnaryOp {
    /** -x */ NEG { public double apply(double x, double a, double b) { return -x; } },
    /** |x| */ ABS { public double apply(double x, double a, double b) { return Math.abs(x); } },
    /** e^x */ EXP { public double apply(double x, double a, double b) { return Math.exp(x); } },
    /** ln x */ LOG { public double apply(double x, double a, double b) { return Math.log(x); } },
    /** sqrt x */ SQRT { public double apply(double x, double a, double b) { return Math.sqrt(x); } },
    /** tanh x */ TANH { public double apply(double x, double a, double b) { return Math.tanh(x); } },
    /** 1 / (1 + e^-x) */ SIGMOID { public double apply(double x, double a, double b) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)); } },
    /** max(x, 0); NaN stays NaN */ RELU { public double apply(double x, double a, double b) { return x > 0 ? x : (x == x ? 0 : x); } },
    /** x * x */ SQUARE { public double apply(double x, double a, double b) { return x * x; } },
    /** 1 / x */ RECIPROCAL { public double apply(double x, double a, double b) { return 1 / x; } },
    /** sign(x) in {-1, 0, 1} */ SIGN { public double apply(double x, double a, double b) { return Math.signum(x); } },
    /** x + a */ ADD { public double apply(double x, double a, double b) { return x + a; } },
    /** x * a */ MUL { public double apply(double x, double a, double b) { return x * a; } },
    /** x / a */ DIV { public double apply(double x, double a, double b) { return x / a; } },
    /** a - x */ RSUB { public double apply(double x, double a, double b) { return a - x; } },
    /** a / x */ RDIV { public double apply(double x, double a, double b) { return a / x; } },
    /** x^a */ POW { public double apply(double x, double a, double b) { return Math.pow(x, a); } },
    /** a^x */ RPOW { public double apply(double x, double a, double b) { return Math.pow(a, x); } },
    /** min(max(x, a), b) */ CLAMP { public double apply(double x, double a, double b) { return x < a ? a : (x > b ? b : x); } },
    /** x == a */ EQ { public double apply(double x, double a, double b) { return x == a ? 1 : 0; } },
    /** x != a */ NE { public double apply(double x, double a, double b) { return x != a ? 1 : 0; } },
    /** x &lt; a */ LT { public double apply(double x, double a, double b) { return x < a ? 1 : 0; } },
    /** x &lt;= a */ LE { public double apply(double x, double a, double b) { return x <= a ? 1 : 0; } },
    /** x > a */ GT { public double apply(double x, double a, double b) { return x > a ? 1 : 0; } },
    /** x >= a */ GE { public double apply(double x, double a, double b) { return x >= a ? 1 : 0; } },
    /** erf x = 2/√π ∫₀ˣ e^{-t²} dt (a positive series, ±1 for |x| ≥ 6) */ ERF { public double apply(double x, double a, double b) { return Erf.erf(x); } };

    /** The scalar definition of this op. */
    public abstract double apply(double x, double a, double b);
}
