package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The curve files of CharRnn and tools/pytorch_charrnn.py, and the PNG of both (no text file needed). */
class CharRnnCurvesTest {
    @TempDir Path dir;

    @Test void readsCurvesAndPlotsBoth() throws Exception {
        Path a = Files.writeString(dir.resolve("a.csv"), "seconds,iteration,epoch,train_loss,val_loss\n"
                + "10.5,100,1,3.2,3.1\n20.0,200,1,2.9,2.5\n");
        Path b = Files.writeString(dir.resolve("b.csv"), "seconds,iteration,epoch,train_loss,val_loss\n12,100,1,3.3,3.0\n");
        double[][] c = CharRnn.readCurve(a);
        assertArrayEquals(new double[] {10.5, 20.0}, c[0]);
        assertArrayEquals(new double[] {3.1, 2.5}, c[1]);
        CharRnn.main(new String[] {"--replot", a.toString(), "--compare", b.toString(), "--out", dir.toString()});
        assertTrue(Files.size(dir.resolve("curves.png")) > 1000);
        Path bad = Files.writeString(dir.resolve("bad.csv"), "x,y\n1,2\n");
        assertThrows(IllegalArgumentException.class, () -> CharRnn.readCurve(bad));
    }
}
