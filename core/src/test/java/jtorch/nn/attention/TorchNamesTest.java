package jtorch.nn.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jtorch.nn.Module;
import org.junit.jupiter.api.Test;

/** PyTorch state_dict keys map one to one onto the layers' parameter names; unknown keys are named in the error. */
class TorchNamesTest {
    @Test void encoderKeysCoverEveryParameter() {
        List<String> torch = List.of("self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight",
                "self_attn.out_proj.bias", "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias",
                "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias");
        List<String> mine = new TransformerEncoderLayer(8, 2, 16).namedParameters().stream().map(Module.Parameter::name).toList();
        assertEquals(mine, torch.stream().map(TorchNames::encoderLayer).toList());
        assertEquals("1.out_proj_bias", TorchNames.decoderLayer("multihead_attn.out_proj.bias"));
        assertEquals("6.weight", TorchNames.decoderLayer("norm3.weight"));
        assertEquals(2 * 4 + 2 * 2 + 3 * 2, new TransformerDecoderLayer(8, 2, 16).namedParameters().size());
    }

    @Test void unknownKeysAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TorchNames.encoderLayer("norm3.weight"));
        assertTrue(e.getMessage().contains("'norm3.weight'") && e.getMessage().contains("nn.TransformerEncoderLayer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TorchNames.multiheadAttention("q_proj_weight"));
        assertTrue(e.getMessage().contains("q_proj_weight"), e.getMessage());
    }

    @Test void badSizesAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(6, 4));
        assertTrue(e.getMessage().contains("multiple of numHeads"), e.getMessage());
        MultiHeadAttention m = new MultiHeadAttention(4, 2);
        e = assertThrows(IllegalArgumentException.class, () -> m.forward(jtorch.tensor.Tensor.zeros(3, 2, 5)));
        assertTrue(e.getMessage().contains("[Tq, B, 4]") && e.getMessage().contains("[3, 2, 5]"), e.getMessage());
    }
}
