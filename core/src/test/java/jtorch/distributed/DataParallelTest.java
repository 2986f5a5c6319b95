package jtorch.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jtorch.data.DataLoader;
import jtorch.data.TensorDataset;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.ReLU;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import jtorch.train.Trainer;
import org.junit.jupiter.api.Test;

/** Sync data parallel: replicas stay bit-identical and match one worker on the whole batch within rounding. */
class DataParallelTest {
    static TensorDataset data() {
        Generator g = new Generator(11);
        Tensor x = Tensor.randn(g, 200, 10), teacher = Tensor.randn(g, 10, 3);
        return new TensorDataset(x, x.mm(teacher).argmax(1, false)); // 200 = 6 · 32 + 8: an uneven last batch
    }

    static Module model() {
        Generator.manualSeed(5);
        return new Sequential().add(new Linear(10, 16)).add(new ReLU()).add(new Linear(16, 3)).add(new LogSoftMax());
    }

    static Optimizer optimizer(String name) {
        return name.equals("sgd") ? new Optimizer("sgd", Config.of("learningRate", 0.1, "momentum", 0.9))
                : new Optimizer("adam", Config.of("learningRate", 0.01));
    }

    static float[] single(String opt) {
        Module m = model();
        Trainer.builder(m, new ClassNLLCriterion(), optimizer(opt)).epochs(3)
                .train(new DataLoader(data(), 32, true, 9, false).withPrefetch(0)).build().fit();
        return m.getParameters().weights().toFloatArray();
    }

    static List<float[]> parallel(List<Collective> g, String opt) throws Exception {
        int p = g.size();
        List<Module> models = new java.util.ArrayList<>();
        for (int r = 0; r < p; r++) { // built here: the global generator is not for concurrent use
            models.add(r == 0 ? model() : new Sequential().add(new Linear(10, 16)).add(new ReLU())
                    .add(new Linear(16, 3)).add(new LogSoftMax())); // other ranks start from their own draw
        }
        return Groups.parallel(p, r -> {
            Module m = models.get(r);
            DataParallel dp = new DataParallel(g.get(r));
            dp.synchronize(m);
            Trainer.builder(m, new ClassNLLCriterion(), optimizer(opt)).epochs(3).gradientHook(dp)
                    .train(dp.loader(data(), 32, true, 9, false)).build().fit();
            return m.getParameters().weights().toFloatArray();
        });
    }

    static void check(List<float[]> ws, float[] one, String what) {
        for (int r = 1; r < ws.size(); r++) assertArrayEquals(ws.get(0), ws.get(r), what + ": replica " + r + " differs");
        double max = 0;
        for (int i = 0; i < one.length; i++) max = Math.max(max, Math.abs(ws.get(0)[i] - one[i]));
        System.out.println(what + ": max |w_parallel − w_single| = " + max);
        assertTrue(max < 1e-5, what + ": max |w_parallel − w_single| = " + max);
    }

    @Test
    void threadsAndTcpMatchOneWorkerOnTheWholeBatch() throws Exception {
        for (String opt : new String[] {"sgd", "adam"}) {
            float[] one = single(opt);
            for (int p : new int[] {2, 3, 4}) {
                List<Collective> g = LocalCollective.group(p);
                check(parallel(g, opt), one, opt + " threads p=" + p);
            }
            List<Collective> tcp = Groups.tcp(2, TcpCollective.newSecret(), Groups.FAST);
            check(parallel(tcp, opt), one, opt + " tcp p=2");
            tcp.forEach(Collective::close);
        }
    }
}
