package jtorch.tensor;

import static jtorch.testing.TensorAssert.assertIae;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/** Every shape mismatch throws IllegalArgumentException naming the operation and the shapes involved. */
class ErrorsTest {
    private record Case(String name, Executable body, String... fragments) {}

    private static Tensor z(int... s) { return Tensor.zeros(DType.F64, s); }

    private static Tensor ix(int... s) { return Tensor.zeros(DType.I32, s); }

    @TestFactory Stream<DynamicTest> shapeErrors() {
        List<Case> cases = List.of(
                new Case("view", () -> z(2, 3).view(4, 2), "view", "[4, 2]", "[2, 3]"),
                new Case("view non-contiguous", () -> z(2, 3).t().view(6), "view", "[3, 2]"),
                new Case("reshape", () -> z(2, 3).t().reshape(7), "view", "[7]", "[3, 2]"),
                new Case("expand", () -> z(2, 3).expand(2, 4), "expand", "[2, 3]", "[2, 4]"),
                new Case("narrow", () -> z(2, 3).narrow(1, 2, 2), "narrow", "[2, 3]"),
                new Case("select", () -> z(2, 3).select(0, 2), "select", "[2, 3]"),
                new Case("transpose", () -> z(2, 3).transpose(0, 2), "transpose", "2-d"),
                new Case("permute", () -> z(2, 3).permute(0), "permute", "[0]"),
                new Case("t", () -> z(2).t(), "t", "[2]"),
                new Case("unsqueeze", () -> z(2).unsqueeze(2), "unsqueeze", "1-d"),
                new Case("copy", () -> z(2, 3).copy(z(3, 2)), "copy", "[3, 2]", "[2, 3]"),
                new Case("add", () -> z(2, 3).add(z(4)), "add", "[2, 3]", "[4]"),
                new Case("sub", () -> z(2, 3).sub(z(3, 3)), "sub", "[2, 3]", "[3, 3]"),
                new Case("mul", () -> z(5).mul(z(4)), "mul", "[5]", "[4]"),
                new Case("div", () -> z(5).div(z(2, 4)), "div", "[5]", "[2, 4]"),
                new Case("pow", () -> z(5).pow(z(3)), "pow", "[5]", "[3]"),
                new Case("eq", () -> z(5).eq(z(3)), "eq", "[5]", "[3]"),
                new Case("addInPlace", () -> z(3).addInPlace(z(2, 3)), "addInPlace", "[2, 3]", "[3]"),
                new Case("add out", () -> z(3).add(z(3), z(4)), "add", "[4]", "[3]"),
                new Case("where", () -> Tensor.where(z(2), z(3), z(3)), "where", "[2]", "[3]"),
                new Case("mm", () -> z(2, 3).mm(z(2, 3)), "mm", "[2, 3]", "[2, 3]"),
                new Case("addmm", () -> z(2, 2).addmm(1, 1, z(2, 3), z(3, 4)), "addmm", "[2, 2]", "[2, 3]", "[3, 4]"),
                new Case("mv", () -> z(2, 3).mv(z(4)), "mv", "[2, 3]", "[4]"),
                new Case("addmv", () -> z(5).addmv(1, 1, z(2, 3), z(3)), "addmv", "[5]", "[2, 3]", "[3]"),
                new Case("addr", () -> z(2, 3).addr(1, 1, z(3), z(2)), "addr", "[2, 3]", "[3]", "[2]"),
                new Case("bmm", () -> z(2, 2, 3).bmm(z(3, 3, 2)), "bmm", "[2, 2, 3]", "[3, 3, 2]"),
                new Case("dot", () -> z(2).dot(z(3)), "dot", "[2]", "[3]"),
                new Case("indexSelect", () -> z(2, 3).indexSelect(0, ix(2, 2)), "indexSelect", "[2, 2]"),
                new Case("gather", () -> z(2, 3).gather(1, ix(3, 1)), "gather", "[3, 1]", "[2, 3]"),
                new Case("scatterAdd", () -> z(2, 3).scatterAdd(0, ix(1, 4), z(1, 4)), "scatterAdd", "[1, 4]", "[2, 3]"),
                new Case("item", () -> z(2).item(), "item", "[2]"),
                new Case("get", () -> z(2, 3).get(1), "get", "[2, 3]"),
                new Case("of", () -> Tensor.of(new float[3], 2, 2), "of", "[2, 2]"),
                new Case("max along empty", () -> z(0, 2).max(0), "max", "[0, 2]"),
                new Case("sum dim", () -> z(2, 3).sum(2), "sum", "2-d"));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertIae(c.body(), c.fragments())));
    }
}
