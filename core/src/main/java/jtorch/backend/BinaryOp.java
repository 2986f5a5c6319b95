package jtorch.backend;

/**
 * Element-wise operations of two tensors {@code x}, {@code y} (already broadcast to the output's shape) and a scalar
 * {@code alpha} that only ADD and SUB use (Torch7's {@code add(x, alpha, y)}).
 * Comparisons give 1 where true and 0 where false, in the output's dtype.
 */
public enum BinaryOp {
    /** x + alpha * y */ ADD { public double apply(double x, double y, double alpha) { return x + alpha * y; } },
    /** x - alpha * y */ SUB { public double apply(double x, double y, double alpha) { return x - alpha * y; } },
    /** x * y */ MUL { public double apply(double x, double y, double alpha) { return x * y; } },
    /** x / y */ DIV { public double apply(double x, double y, double alpha) { return x / y; } },
    /** x^y */ POW { public double apply(double x, double y, double alpha) { return Math.pow(x, y); } },
    /** max(x, y), NaN if either is NaN */ MAX { public double apply(double x, double y, double alpha) { return Math.max(x, y); } },
    /** min(x, y), NaN if either is NaN */ MIN { public double apply(double x, double y, double alpha) { return Math.min(x, y); } },
    /** x == y */ EQ { public double apply(double x, double y, double alpha) { return x == y ? 1 : 0; } },
    /** x != y */ NE { public double apply(double x, double y, double alpha) { return x != y ? 1 : 0; } },
    /** x &lt; y */ LT { public double apply(double x, double y, double alpha) { return x < y ? 1 : 0; } },
    /** x &lt;= y */ LE { public double apply(double x, double y, double alpha) { return x <= y ? 1 : 0; } },
    /** x > y */ GT { public double apply(double x, double y, double alpha) { return x > y ? 1 : 0; } },
    /** x >= y */ GE { public double apply(double x, double y, double alpha) { return x >= y ? 1 : 0; } };

    /** The scalar definition of this op. */
    public abstract double apply(double x, double y, double alpha);
}
