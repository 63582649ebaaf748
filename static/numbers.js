/** Numbers as axis labels and readouts. Pure. */

/**
 * An axis number that says what it is at any scale: 0.5, 12, 3e-4 (a log axis of gradients
 * printed "0 0 0" before), 2e+12 (a diverged loss). `span` is the axis's range.
 */
export function axisNumber(v, span = Math.abs(v)) {
  if (v === null || v === undefined || !Number.isFinite(v)) return "";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(Math.abs(Number(v.toExponential(0)) - v) / a < 1e-9 ? 0 : 1).replace("e+", "e");
  const digits = Math.max(0, Math.min(6, Math.ceil(-Math.log10(span || a)) + 1));
  return String(Number(v.toFixed(digits)));
}
