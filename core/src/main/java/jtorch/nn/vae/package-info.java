/**
 * Variational auto-encoder pieces (issue 13): {@link jtorch.nn.vae.GaussianSampler}, the reparameterised sampler
 * {mu, logvar} → z = μ + exp(logvar / 2) ⊙ ε. Its losses are criteria in {@code jtorch.nn.criterion}:
 * {@link jtorch.nn.criterion.KLDCriterion} (KL(q ‖ N(0, I))), {@link jtorch.nn.criterion.GaussianCriterion} (a Gaussian
 * decoder's negative log-likelihood) and {@link jtorch.nn.criterion.BCEWithLogitsCriterion} (a Bernoulli decoder's, on
 * logits), each summed over dimensions and averaged over the batch with {@link jtorch.nn.criterion.Reduction#BATCHMEAN}.
 */
package jtorch.nn.vae;
