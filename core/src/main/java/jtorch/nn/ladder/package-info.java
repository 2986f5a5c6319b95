/**
 * Pieces of ladder networks for semi-supervised learning (issue 13; Rasmus, Valpola, Honkala, Berglund and Raiko
 * 2015): {@link jtorch.nn.ladder.VanillaCombinator}, the decoder's denoising function ẑ = g(z̃, u) of a table
 * {z̃ [B, n], u [B, n]}. The rest of a ladder is built from existing modules: batch normalisation without a learned
 * scale is {@code BatchNormalization(n, eps, momentum, false)} followed by a {@code CAdd} bias β.
 */
package jtorch.nn.ladder;
