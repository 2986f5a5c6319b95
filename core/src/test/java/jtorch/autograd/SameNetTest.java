package jtorch.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import jtorch.graph.Graph;
import jtorch.graph.Node;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.ReLU;
import jtorch.nn.activation.Tanh;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.layer.Linear;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * One MLP written three ways, as Sequential modules, as a {@link Graph} chain of copies of those modules and as
 * autograd code on the same weights: the same outputs, loss and parameter gradients (Graph: the same bits as
 * Sequential; autograd: F64 to 1e-12, F32 on the default back end to 1e-5 relative).
 */
class SameNetTest {

    static Sequential mlp(DType dtype) {
        Generator.manualSeed(11);
        return new Sequential().add(new Linear(7, 6)).add(new Tanh()).add(new Linear(6, 5)).add(new ReLU())
                .add(new Linear(5, 4)).add(new LogSoftMax()).to(dtype);
    }

    /** The same network in autograd code, its parameters as vars (in Sequential's getParameters order). */
    static Var forward(List<Var> p, Var x) {
        Var h = x.mm(p.get(0).t()).add(p.get(1)).tanh();
        h = Var.addmm(p.get(3), h, p.get(2).t(), 1, 1).relu();
        return Var.linear(h, p.get(4), p.get(5)).logSoftmax(1);
    }

    /** −mean_i out[i, y_i], as ClassNLLCriterion. */
    static Var nll(Var out, Tensor labels) { return out.gather(1, labels.view(labels.size(0), 1)).mean().neg(); }

    private void compare(DType dtype, double tol) {
        Sequential net = mlp(dtype);
        Tensor x = Tensor.randn(new Generator(12), 9, 7).to(dtype);
        Tensor labels = Tensor.of(new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0}, 9);
        ClassNLLCriterion crit = new ClassNLLCriterion();
        net.zeroGradParameters();
        Tensor out = net.forward(x).tensor();
        double loss = crit.forward(out, labels);
        net.backward(x, crit.backward(out, labels));

        Node in = Node.input("x"), h = in;
        for (Module m : net.children()) h = Node.of(m.clone(), h);
        Graph graph = new Graph(List.of(in), List.of(h));
        graph.zeroGradParameters();
        Tensor gout = graph.forward(x).tensor();
        graph.backward(x, crit.backward(gout, labels));
        assertArrayEquals(out.toDoubleArray(), gout.toDoubleArray(), 0.0);
        List<Tensor> gg = graph.parameters().gradients();
        for (int i = 0; i < gg.size(); i++) {
            assertArrayEquals(net.parameters().gradients().get(i).toDoubleArray(), gg.get(i).toDoubleArray(), 0.0,
                    "Graph parameter " + i);
        }

        Module.Parameters mp = net.parameters();
        List<Var> p = mp.weights().stream().map(Var::param).toList();
        Var aout = forward(p, Var.of(x));
        Var aloss = nll(aout, labels);
        aloss.backward();
        assertArrayEquals(out.toDoubleArray(), aout.value().toDoubleArray(), tol);
        assertEquals(loss, aloss.item(), tol);
        for (int i = 0; i < p.size(); i++) {
            double[] want = mp.gradients().get(i).toDoubleArray(), got = p.get(i).grad().toDoubleArray();
            for (int k = 0; k < want.length; k++) assertEquals(want[k], got[k], tol * Math.max(1, Math.abs(want[k])),
                    "parameter " + i + " element " + k);
        }
    }

    @Test
    void sameOutputsAndGradientsInF64() { compare(DType.F64, 1e-12); }

    @Test
    void sameOutputsAndGradientsInF32() { compare(DType.F32, 1e-5); }
}
