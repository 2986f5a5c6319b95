package jtorch.nn.sparse;

import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/**
 * Soft shrinkage with per-unit thresholds, shared by {@link LearnedSoftShrink} and {@link LISTA}, in tensor
 * operations: h_θ(c) = sign(c) · max(|c| − θ⁺, 0) = c − min(max(c, −θ⁺), θ⁺), θ⁺ = max(θ, 0), for c [B, m] and θ [m]
 * broadcast over the batch. With y = h_θ(c): ∂y/∂c = [y ≠ 0], ∂y/∂θ = −sign(y) · [θ &gt; 0].
 */
final class Shrinkage {
    private Tensor pos, neg, mask, sign, gradTheta;

    /** Computes θ⁺ and −θ⁺ from θ; call once per forward, before {@link #apply}. */
    void thresholds(Tensor theta) {
        if (pos == null || !pos.sameShape(theta) || pos.dtype() != theta.dtype() || pos.backend() != theta.backend()) {
            pos = theta.zerosLike();
            neg = theta.zerosLike();
            mask = theta.zerosLike();
        }
        theta.apply(UnaryOp.RELU, 0, 0, pos);
        pos.apply(UnaryOp.NEG, 0, 0, neg);
        theta.apply(UnaryOp.GT, 0, 0, mask);
    }

    /** out = h_θ(c) (out [B, m], not aliasing c). */
    Tensor apply(Tensor c, Tensor out) {
        c.apply(BinaryOp.MAX, 1, neg, out);
        out.applyInPlace(BinaryOp.MIN, 1, pos);
        return out.applyInPlace(BinaryOp.SUB, 1, c).negInPlace();
    }

    /** gc = g ⊙ [y ≠ 0] (gc may alias g). */
    Tensor gradInput(Tensor y, Tensor g, Tensor gc) {
        sign = y.apply(UnaryOp.NE, 0, 0, scratch(y));
        return g.mul(sign, gc);
    }

    /** gradTheta += scale · (−Σ_batch sign(y) ⊙ gc) ⊙ [θ &gt; 0], with gc = ∂L/∂c (already masked). */
    void accGradTheta(Tensor y, Tensor gc, double scale, Tensor gradThetaOut) {
        Tensor s = y.apply(UnaryOp.SIGN, 0, 0, scratch(y)).mulInPlace(gc);
        gradTheta = s.sum(0, false);
        gradThetaOut.addInPlace(-scale, gradTheta.mulInPlace(mask));
    }

    private Tensor scratch(Tensor like) {
        if (sign == null || !sign.sameShape(like) || sign.dtype() != like.dtype() || sign.backend() != like.backend())
            sign = like.zerosLike();
        return sign;
    }

    /** Drops the buffers (clones must not share them). */
    void clear() { pos = neg = mask = sign = gradTheta = null; }
}
