package jtorch.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jtorch.data.DataLoader;
import jtorch.data.TensorDataset;
import jtorch.nn.Module;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.train.Evaluator;
import jtorch.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EASGD (sync, async), Downpour and Hogwild on a small synthetic problem (200 examples, 3 classes; chance 0.33): each
 * reaches high accuracy; sync EASGD resumes exactly. The asynchronous modes depend on thread timing, so their bound
 * (0.85 after 10 epochs) leaves room; single-worker SGD reaches about 0.9–0.95 there.
 */
class TrainingModesTest {
    @TempDir Path dir;

    static double accuracy(Module m, TensorDataset ds) {
        return Evaluator.evaluate(m, new ClassNLLCriterion(), new DataLoader(ds, 100, false, 0, false), 1).accuracy();
    }

    static List<Module> models(int p) {
        List<Module> ms = new ArrayList<>();
        for (int r = 0; r < p; r++) ms.add(DataParallelTest.model());
        return ms;
    }

    static Trainer.Builder trainer(Module m, TensorDataset ds, int r, int p, int epochs) {
        return Trainer.builder(m, new ClassNLLCriterion(), DataParallelTest.optimizer("sgd")).epochs(epochs)
                .train(new DataLoader(new Partition(ds, r, p), 16, true, 20 + r, false));
    }

    /** p workers of sync EASGD for epochs (from a checkpoint when resumeFrom > 0); returns the centres' weights. */
    List<float[]> easgd(int p, int epochs, int resumeFrom) throws Exception {
        TensorDataset ds = DataParallelTest.data();
        List<Collective> g = LocalCollective.group(p);
        List<Module> ms = models(p);
        return Groups.parallel(p, r -> {
            Easgd e = new Easgd(g.get(r), 0.9 / p, 2).synchronize(ms.get(r)).saveTo(dir.resolve("run" + resumeFrom));
            Trainer t = trainer(ms.get(r), ds, r, p, epochs).callback(e)
                    .checkpointDir(dir.resolve("run" + resumeFrom + "/rank" + r)).build();
            if (resumeFrom == 0) t.fit();
            else {
                e.restoreCentre(dir.resolve("run0/centre-epoch-000" + resumeFrom + ".model"));
                t.resume(Trainer.checkpointPath(dir.resolve("run0/rank" + r), resumeFrom));
            }
            if (r == 0) assertTrue(accuracy(e.centreModel(), ds) > 0.9, "EASGD centre accuracy " + accuracy(e.centreModel(), ds));
            return e.centreModel().getParameters().weights().toFloatArray();
        });
    }

    @Test
    void syncEasgdCentresAreIdenticalAndAResumeReproducesTheRun() throws Exception {
        List<float[]> full = easgd(2, 8, 0);
        assertArrayEquals(full.get(0), full.get(1), "centres differ between workers");
        List<float[]> resumed = easgd(2, 8, 4);
        assertArrayEquals(full.get(0), resumed.get(0), "resumed EASGD run differs from the uninterrupted one");
    }

    @Test
    void downpourAndAsyncEasgdAndHogwildLearn() throws Exception {
        TensorDataset ds = DataParallelTest.data();
        int p = 2;
        for (String mode : new String[] {"downpour", "easgd"}) {
            List<Module> ms = models(p);
            ParameterServer ps = new ParameterServer(ms.get(0), 2 * p);
            Groups.parallel(p, r -> {
                AsyncWorker w = mode.equals("downpour") ? AsyncWorker.downpour(ps, ms.get(r), 1)
                        : AsyncWorker.easgd(ps, ms.get(r), 2, 0.45);
                trainer(ms.get(r), ds, r, p, 10).callback(w).build().fit();
                return null;
            });
            Path file = dir.resolve(mode + "-centre.model"); // the restart point of an asynchronous run
            ps.save(file);
            ParameterServer back = new ParameterServer(DataParallelTest.model(), 0);
            back.restore(file);
            assertArrayEquals(ps.model().getParameters().weights().toFloatArray(),
                    back.model().getParameters().weights().toFloatArray());
            double acc = accuracy(ps.snapshot(), ds);
            System.out.println(mode + ": accuracy " + acc + ", pushes accepted " + ps.accepted() + ", dropped " + ps.rejected());
            assertTrue(acc > 0.85 && ps.accepted() > 0, mode + ": accuracy " + acc + ", " + ps.accepted() + " pushes");
        }
        List<Module> rs = Hogwild.replicas(DataParallelTest.model(), p);
        assertSame(rs.get(0).getParameters().weights().storage(), rs.get(1).getParameters().weights().storage());
        Groups.parallel(p, r -> {
            trainer(rs.get(r), ds, r, p, 10).build().fit();
            return null;
        });
        double acc = accuracy(rs.get(0), ds);
        System.out.println("hogwild: accuracy " + acc);
        assertTrue(acc > 0.85, "Hogwild accuracy " + acc);
    }
}
