/**
 * Modules for sparse coding (issue 13): {@link jtorch.nn.sparse.LearnedSoftShrink}, soft shrinkage
 * sign(x) · max(|x| − θ, 0) with a learned threshold per unit, and {@link jtorch.nn.sparse.LISTA}, ISTA unrolled for
 * T steps with learned W_e, S and θ (Gregor and LeCun 2010). Inputs [B, n], codes [B, m]. The algorithms that are not
 * modules (ISTA, FISTA, dictionary learning, PSD, fitting encoders to optimal codes) are in {@code jtorch.unsup.sparse}.
 */
package jtorch.nn.sparse;
