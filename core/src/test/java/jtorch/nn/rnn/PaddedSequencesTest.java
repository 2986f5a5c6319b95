package jtorch.nn.rnn;

import static jtorch.nn.rnn.SequencerTest.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PaddedSequencesTest {

    @Test void padAndBack() {
        List<Tensor> seqs = List.of(randn(1, 2, 3), randn(2, 4, 3), randn(3, 1, 3));
        Tensor x = PaddedSequences.pad(seqs);
        assertArrayEquals(new int[] {4, 3, 3}, x.sizes());
        assertArrayEquals(new int[] {2, 4, 1}, PaddedSequences.lengths(x));
        assertEquals(0, x.narrow(0, 2, 2).select(1, 0).abs().max(), 0);
        List<Tensor> back = PaddedSequences.unpad(x, new int[] {2, 4, 1});
        for (int b = 0; b < 3; b++) assertEquals(0, back.get(b).sub(seqs.get(b)).abs().max(), 0);
        Tensor last = PaddedSequences.lastSteps(x, new int[] {2, 4, 1});
        assertEquals(0, last.select(0, 1).sub(seqs.get(1).select(0, 3)).abs().max(), 0);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 1, 0},
                PaddedSequences.mask(DType.F64, new int[] {2, 4, 1}, 4).toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> PaddedSequences.pad(List.of(randn(1, 2, 3), randn(2, 2, 4))));
    }

    @Test void tokens() {
        Tensor tok = PaddedSequences.padTokens(List.of(new int[] {5, 6, 7}, new int[] {8}), 0);
        assertArrayEquals(new int[] {5, 8, 6, 0, 7, 0}, tok.toIntArray());
        assertArrayEquals(new int[] {3, 1}, PaddedSequences.tokenLengths(tok, 0));
        // LookupTable's padding row gives the zero rows that mark padding
        Tensor x = new LookupTable(9, 2, 0, 0, 2).forward(tok).tensor();
        assertArrayEquals(new int[] {3, 1}, PaddedSequences.lengths(x));
    }
}
