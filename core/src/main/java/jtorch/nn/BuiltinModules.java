package jtorch.nn;

import java.util.List;
import jtorch.nn.activation.Abs;
import jtorch.nn.activation.AddConstant;
import jtorch.nn.activation.ELU;
import jtorch.nn.activation.Exp;
import jtorch.nn.activation.GELU;
import jtorch.nn.activation.HardTanh;
import jtorch.nn.activation.LeakyReLU;
import jtorch.nn.activation.Log;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.MulConstant;
import jtorch.nn.activation.Power;
import jtorch.nn.activation.ReLU;
import jtorch.nn.activation.Sigmoid;
import jtorch.nn.activation.SoftMax;
import jtorch.nn.activation.SoftPlus;
import jtorch.nn.activation.Sqrt;
import jtorch.nn.activation.Square;
import jtorch.nn.activation.Tanh;
import jtorch.nn.attention.*;
import jtorch.nn.conv.SpatialConvolution;
import jtorch.nn.conv.SpatialFullConvolution;
import jtorch.nn.conv.TemporalConvolution;
import jtorch.nn.conv.TemporalFullConvolution;
import jtorch.nn.conv.VolumetricConvolution;
import jtorch.nn.conv.VolumetricFullConvolution;
import jtorch.nn.distance.Euclidean;
import jtorch.nn.distance.PairwiseDistance;
import jtorch.nn.layer.Add;
import jtorch.nn.layer.Bilinear;
import jtorch.nn.layer.CAdd;
import jtorch.nn.layer.CMul;
import jtorch.nn.layer.Dropout;
import jtorch.nn.layer.Flatten;
import jtorch.nn.layer.Identity;
import jtorch.nn.layer.Linear;
import jtorch.nn.layer.Mul;
import jtorch.nn.layer.Narrow;
import jtorch.nn.layer.Replicate;
import jtorch.nn.layer.Reshape;
import jtorch.nn.layer.Select;
import jtorch.nn.layer.View;
import jtorch.nn.memory.MemN2N;
import jtorch.nn.norm.*;
import jtorch.nn.pool.*;
import jtorch.nn.spatial.*;
import jtorch.nn.reduce.LogSumExp;
import jtorch.nn.rnn.GRUCell;
import jtorch.nn.rnn.LSTMCell;
import jtorch.nn.rnn.GRU;
import jtorch.nn.rnn.LSTM;
import jtorch.nn.rnn.RNN;
import jtorch.nn.rnn.LookupRecurrent;
import jtorch.nn.rnn.LookupTable;
import jtorch.nn.rnn.RNNCell;
import jtorch.nn.softmax.NCEModule;
import jtorch.nn.softmax.SoftMaxTree;
import jtorch.nn.reduce.Max;
import jtorch.nn.reduce.Mean;
import jtorch.nn.reduce.Min;
import jtorch.nn.reduce.Sum;
import jtorch.nn.table.CAddTable;
import jtorch.nn.table.CMaxTable;
import jtorch.nn.table.CMinTable;
import jtorch.nn.table.CMulTable;
import jtorch.nn.table.CSubTable;
import jtorch.nn.table.JoinTable;
import jtorch.nn.table.MixtureTable;
import jtorch.nn.table.SelectTable;
import jtorch.nn.table.SplitTable;

/**
 * The index of the built-in module types that a model file can name. Each type's description (name, arguments,
 * constructor) lives in its module's own file as {@code TYPE}; this list only makes them known by name before any
 * of those classes has loaded. A test checks that every concrete module class of {@code jtorch.nn} is here.
 */
public final class BuiltinModules {
    private BuiltinModules() {}

    /** Every built-in type. */
    public static List<ModuleType<?>> types() {
        return List.of(Sequential.TYPE, Concat.TYPE, ConcatTable.TYPE, ParallelTable.TYPE, Switch.TYPE,
                Linear.TYPE, CAdd.TYPE, Add.TYPE, CMul.TYPE, Mul.TYPE, Dropout.TYPE, Identity.TYPE, Narrow.TYPE,
                Replicate.TYPE, Reshape.TYPE, View.TYPE, Select.TYPE, Euclidean.TYPE, PairwiseDistance.TYPE,
                Abs.TYPE, Exp.TYPE, Log.TYPE, LogSoftMax.TYPE, ReLU.TYPE, Sigmoid.TYPE, SoftMax.TYPE, Sqrt.TYPE,
                Square.TYPE, Tanh.TYPE, AddConstant.TYPE, MulConstant.TYPE, ELU.TYPE, LeakyReLU.TYPE, HardTanh.TYPE,
                SoftPlus.TYPE, Power.TYPE, Sum.TYPE, Mean.TYPE, Max.TYPE, Min.TYPE, LogSumExp.TYPE,
                CAddTable.TYPE, CSubTable.TYPE, CMulTable.TYPE, CMaxTable.TYPE, CMinTable.TYPE, JoinTable.TYPE,
                SplitTable.TYPE, SelectTable.TYPE, Bilinear.TYPE, MixtureTable.TYPE,
                // convolution
                TemporalConvolution.TYPE, SpatialConvolution.TYPE, VolumetricConvolution.TYPE,
                TemporalFullConvolution.TYPE, SpatialFullConvolution.TYPE, VolumetricFullConvolution.TYPE, Flatten.TYPE,
                // pooling, normalisation and around them (issue 9)
                TemporalMaxPooling.TYPE, SpatialMaxPooling.TYPE, VolumetricMaxPooling.TYPE, SpatialDilatedMaxPooling.TYPE,
                TemporalAveragePooling.TYPE, SpatialAveragePooling.TYPE, VolumetricAveragePooling.TYPE,
                TemporalLogSumExpPooling.TYPE, SpatialLogSumExpPooling.TYPE, SpatialLPPooling.TYPE, Maxout.TYPE,
                TemporalAdaptiveMaxPooling.TYPE, SpatialAdaptiveMaxPooling.TYPE, VolumetricAdaptiveMaxPooling.TYPE,
                TemporalAdaptiveAveragePooling.TYPE, SpatialAdaptiveAveragePooling.TYPE,
                VolumetricAdaptiveAveragePooling.TYPE, GlobalAveragePooling.TYPE, GlobalMaxPooling.TYPE,
                SpatialMaxUnpooling.TYPE,
                BatchNormalization.TYPE, SpatialBatchNormalization.TYPE, VolumetricBatchNormalization.TYPE,
                LayerNormalization.TYPE, GroupNormalization.TYPE, SpatialCrossMapLRN.TYPE, Normalize.TYPE,
                SpatialSubtractiveNormalization.TYPE, SpatialDivisiveNormalization.TYPE, SpatialContrastiveNormalization.TYPE,
                SpatialDropout.TYPE, VolumetricDropout.TYPE, TemporalZeroPadding.TYPE, SpatialZeroPadding.TYPE,
                VolumetricZeroPadding.TYPE, TemporalReflectionPadding.TYPE, SpatialReflectionPadding.TYPE,
                VolumetricReflectionPadding.TYPE, TemporalReplicationPadding.TYPE, SpatialReplicationPadding.TYPE,
                VolumetricReplicationPadding.TYPE, SpatialUpSamplingNearest.TYPE, SpatialUpSamplingBilinear.TYPE,
                PixelShuffle.TYPE, DepthConcat.TYPE,
                // recurrent (issue 11)
                LookupTable.TYPE, RNNCell.TYPE, LSTMCell.TYPE, GRUCell.TYPE,
                LSTM.TYPE, GRU.TYPE, RNN.TYPE, LookupRecurrent.TYPE,
                // attention and the Transformer (issue 12)
                GELU.TYPE, DotProductAttention.TYPE, AdditiveAttention.TYPE, MultiHeadAttention.TYPE,
                SinusoidalPositionalEncoding.TYPE, LearnedPositionalEncoding.TYPE, TransformerEncoderLayer.TYPE,
                TransformerDecoderLayer.TYPE,
                // sequence machinery (issue 11)
                jtorch.nn.rnn.Sequencer.TYPE, jtorch.nn.rnn.Recurrence.TYPE, jtorch.nn.rnn.MaskZero.TYPE,
                jtorch.nn.rnn.ReverseSequence.TYPE, jtorch.nn.rnn.BiSequencer.TYPE, jtorch.nn.rnn.LastStep.TYPE,
                jtorch.nn.rnn.OneHot.TYPE,
                // large output spaces (issue 11)
                SoftMaxTree.TYPE, NCEModule.TYPE,
                // memory (issue 12)
                MemN2N.TYPE,
                // unsupervised pieces (issue 13)
                jtorch.nn.activation.SoftShrink.TYPE, jtorch.nn.activation.HardShrink.TYPE,
                jtorch.nn.activation.SoftSign.TYPE, jtorch.nn.activation.LogSigmoid.TYPE,
                jtorch.nn.noise.MaskingNoise.TYPE, jtorch.nn.noise.SaltAndPepperNoise.TYPE, jtorch.nn.noise.WhiteNoise.TYPE,
                jtorch.nn.penalty.L1Penalty.TYPE, jtorch.nn.penalty.KLSparsityPenalty.TYPE,
                jtorch.nn.penalty.ContractiveEncoder.TYPE, jtorch.nn.penalty.TiedLinear.TYPE,
                jtorch.nn.penalty.TiedAutoEncoder.TYPE,
                // variational auto-encoders (issue 13)
                jtorch.nn.vae.GaussianSampler.TYPE,
                // sparse coding (issue 13)
                jtorch.nn.sparse.LearnedSoftShrink.TYPE, jtorch.nn.sparse.LISTA.TYPE,
                // semi-supervised ladder networks (issue 13)
                jtorch.nn.ladder.VanillaCombinator.TYPE);
    }
}
