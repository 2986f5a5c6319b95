package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * x^y lane-wise with {@link Math#pow}'s special cases on every platform. The JDK's vector POW may use a native math
 * library with C's rules, which differ from Java's where y is NaN (C: 1^NaN = 1) and where |x| = 1 and y = ±inf
 * (C: 1); {@link jtorch.backend.BinaryOp#POW} is defined by Math.pow, so those lanes are set to NaN here.
 */
final class VectorPow {
    private VectorPow() {}

    static FloatVector pow(FloatVector x, FloatVector y) {
        FloatVector r = x.lanewise(VectorOperators.POW, y);
        var nan = y.test(VectorOperators.IS_NAN)
                .or(y.test(VectorOperators.IS_INFINITE).and(x.abs().compare(VectorOperators.EQ, 1f)));
        return r.blend(Float.NaN, nan);
    }
}
