/** The size of a multilayer perceptron. Pure. */

/** Number of weights and biases of an MLP with these layer sizes: Σ (n_in · n_out + n_out). */
export function paramCount(sizes) {
  let n = 0;
  for (let i = 1; i < sizes.length; i++) n += sizes[i - 1] * sizes[i] + sizes[i];
  return n;
}
