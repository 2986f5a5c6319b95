/**
 * Restricted Boltzmann machines: {@link jtorch.unsup.rbm.BernoulliRbm} and {@link jtorch.unsup.rbm.GaussianRbm}
 * (free energy, both conditionals, block Gibbs sampling), {@link jtorch.unsup.rbm.ContrastiveDivergence} (CD-k and
 * persistent CD gradients), {@link jtorch.unsup.rbm.RbmTrainer} (SGD with momentum and weight decay, Hinton's guide)
 * and {@link jtorch.unsup.rbm.PartitionFunction} (exact log Z and log-likelihood for H &lt;= 20 by enumerating the
 * hidden configurations). Everything computes with tensor operations, in the model's dtype (F32 or F64).
 */
package jtorch.unsup.rbm;
