package jtorch.tensor;

import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;

/** Lower-case op names for error messages, built once (not per call: element-wise ops are on the hot path). */
final class OpNames {
    private static final String[] UNARY = names(UnaryOp.values(), ""), UNARY_IN_PLACE = names(UnaryOp.values(), "InPlace");
    private static final String[] BINARY = names(BinaryOp.values(), ""), BINARY_IN_PLACE = names(BinaryOp.values(), "InPlace");

    private OpNames() {}

    private static String[] names(Enum<?>[] ops, String suffix) {
        String[] r = new String[ops.length];
        for (int i = 0; i < ops.length; i++) r[i] = ops[i].name().toLowerCase(java.util.Locale.ROOT) + suffix;
        return r;
    }

    static String of(UnaryOp op) { return UNARY[op.ordinal()]; }

    static String inPlace(UnaryOp op) { return UNARY_IN_PLACE[op.ordinal()]; }

    static String of(BinaryOp op) { return BINARY[op.ordinal()]; }

    static String inPlace(BinaryOp op) { return BINARY_IN_PLACE[op.ordinal()]; }
}
