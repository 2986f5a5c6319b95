/**
 * Sparse coding (issue 13): the lasso problem min_z ½‖x − D z‖² + λ‖z‖₁ of a dictionary D [n, m]
 * ({@link jtorch.unsup.sparse.Lasso}, with L = λ_max(DᵀD) by {@link jtorch.unsup.sparse.PowerIteration}); batched
 * inference for inputs X [B, n] by {@link jtorch.unsup.sparse.Ista} and {@link jtorch.unsup.sparse.Fista} (step 1/L,
 * a {@link jtorch.unsup.sparse.Stop} rule, the objective reported in {@link jtorch.unsup.sparse.SparseCodes});
 * {@link jtorch.unsup.sparse.DictionaryLearning} (FISTA codes alternated with block-coordinate dictionary updates,
 * unit-norm atoms); feed-forward approximations of the optimal codes, {@link jtorch.unsup.sparse.Psd}'s
 * g ⊙ tanh(Wx + b) encoder and {@link jtorch.nn.sparse.LISTA}, fitted to FISTA's codes by
 * {@link jtorch.unsup.sparse.CodeRegression}. Everything computes with tensor operations, in the inputs' dtype.
 */
package jtorch.unsup.sparse;
