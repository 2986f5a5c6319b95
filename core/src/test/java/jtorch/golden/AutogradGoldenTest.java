package jtorch.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import jtorch.autograd.Var;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * jtorch.autograd against PyTorch autograd (tools/golden/make_autograd_golden.py, golden/autograd.json): the same
 * composite functions, written here with {@link Var}, give PyTorch's value and gradient w.r.t. every input in F64 on
 * the reference back end to 1e-10 (relative, with 1e-12 absolute near zero).
 */
class AutogradGoldenTest {
    private static final Golden.Kind KIND = new Golden.Kind("F64/ref", Golden.F64_REF.dtype(), Golden.F64_REF.backend(),
            1e-10, 1e-12);

    private static final Map<String, BiFunction<Map<String, Var>, Map<String, Tensor>, Var>> FUNCTIONS = Map.of(
            "mlp", AutogradGoldenTest::mlp, "broadcast", AutogradGoldenTest::broadcast, "views", AutogradGoldenTest::views,
            "indexing", AutogradGoldenTest::indexing, "products", AutogradGoldenTest::products);

    static Var mlp(Map<String, Var> v, Map<String, Tensor> c) {
        Var h = v.get("x").mm(v.get("w1")).add(v.get("b1")).tanh();
        Var out = h.mm(v.get("w2")).logSoftmax(1);
        Tensor labels = c.get("labels");
        Var nll = out.gather(1, labels.view(labels.size(0), 1)).mean().neg();
        return nll.add(v.get("w1").square().sum().mul(0.01));
    }

    static Var broadcast(Map<String, Var> v, Map<String, Tensor> c) {
        Var a = v.get("a"), b = v.get("b"), cc = v.get("c");
        Var y = a.mul(b).add(cc).exp().div(b.abs().add(1));
        return y.logsumexp(2, false).sum().add(a.maximum(cc).sum())
                .add(cc.sigmoid().sub(cc.div(cc.square().add(1).sqrt())).sum());
    }

    static Var views(Map<String, Var> v, Map<String, Tensor> c) {
        Var x = v.get("x");
        Var y = x.permute(2, 0, 1).narrow(0, 1, 3).select(2, 2);
        Var z = y.t().mul(y).sum();
        Var r = x.transpose(0, 1).reshape(4, 15).norm(2, 1, false).sum();
        return z.add(r).add(x.var(2, true, false).mean()).add(x.mean(0, true).tanh().sum());
    }

    static Var indexing(Map<String, Var> v, Map<String, Tensor> c) {
        Var x = v.get("x"), s = v.get("s");
        Var a = x.indexSelect(0, c.get("rows"));
        Var g = x.gather(1, c.get("cols"));
        Var sc = Var.of(x.value().zerosLike()).scatterAdd(0, c.get("scatter"), s).add(x);
        Var cat = Var.cat(1, a, g.t().reshape(2, 5).t().narrow(0, 0, 4));
        Var st = Var.stack(0, sc, x.mul(2));
        Var w = Var.where(x.value().gt(0), x, x.mul(0.1));
        Var m = st.max(2, false).values();
        return cat.softmax(1).mul(cat).sum().add(m.sum()).add(w.clamp(-0.5, 0.8).sum())
                .add(st.min(0, false).values().sum());
    }

    static Var products(Map<String, Var> v, Map<String, Tensor> c) {
        Var a = v.get("a"), b = v.get("b"), m = v.get("m"), vec = v.get("v"), bias = v.get("bias");
        Var p = a.bmm(b).sum(0, false);
        Var q = m.mv(vec);
        Var r = Var.addmm(bias, m, m.t(), 1, 1);
        Var s = m.t().t().mm(a.select(0, 0).t());
        Var e = vec.unsqueeze(0).expand(3, 4).squeeze().abs().add(0.5).pow(1.5).log();
        return p.square().sum().add(q.sigmoid().sum()).add(r.tanh().sum()).add(s.mul(r).mean()).add(e.sum());
    }

    @Test
    @SuppressWarnings("unchecked")
    void valuesAndGradientsMatchPyTorchAutograd() {
        Map<String, Object> fixture = Golden.load("autograd.json");
        List<Map<String, Object>> cases = Golden.cases(fixture, "cases");
        assertEquals(FUNCTIONS.size(), cases.size());
        for (Map<String, Object> k : cases) {
            String name = (String) k.get("name");
            Map<String, Var> in = new LinkedHashMap<>();
            ((Map<String, Object>) k.get("inputs")).forEach((n, t) -> in.put(n, Var.param(Golden.tensor(t, KIND))));
            Map<String, Tensor> consts = new LinkedHashMap<>();
            ((Map<String, Object>) k.get("constants")).forEach((n, t) -> consts.put(n, Golden.tensor(t, KIND)));
            Var y = FUNCTIONS.get(name).apply(in, consts);
            double want = (Double) k.get("value");
            assertEquals(want, y.item(), 1e-10 * Math.abs(want) + 1e-12, name + " value");
            y.backward();
            double worst = 0;
            Map<String, Object> grads = (Map<String, Object>) k.get("gradients");
            assertEquals(in.keySet(), grads.keySet());
            for (Map.Entry<String, Var> e : in.entrySet()) {
                assertTrue(e.getValue().grad() != null, name + ": no gradient for " + e.getKey());
                worst = Math.max(worst, Golden.assertMatches(name + " d/d" + e.getKey(), grads.get(e.getKey()),
                        e.getValue().grad(), KIND));
            }
            Golden.report("autograd " + name, KIND, worst);
        }
    }
}
