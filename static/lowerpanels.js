/**
 * The panels below the first screen, loaded once it is ready. Their imports are here, not in
 * main.js, so the page shell does not preload them with the first screen (app/modulegraph.py
 * follows main.js's own dynamic imports only): the lessons and Backprop bring KaTeX along.
 */
export const LOWER = {
  sweeps: () => import("./views/sweeps/sweeps.js"),
  backprop: () => import("./views/backprop/backprop.js"),
  lessons: () => import("./views/lessons/lessons.js"),
};
