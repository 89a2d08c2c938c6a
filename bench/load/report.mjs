// The figures' formatting, once for every load driver (bench/load/compare.mjs, bench/load/store-api.mjs,
// bench/scale-out/drive.mjs): medians over rounds, whole numbers with thousands separators, milliseconds, ratios and
// column padding for the tables docs/benchmarks.md quotes.

/** The median of a list of numbers (the mean of the middle two for an even count). */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A whole number with thousands separators: 7308 → "7,308". */
export const int = (x) => Math.round(x).toLocaleString('en-US');

/** Milliseconds: no decimals from 10 up, one below. */
export const ms = (x) => (x >= 10 ? x.toFixed(0) : x.toFixed(1));

/** a ÷ b as "1.93×", or "n/a" when b is not positive. */
export const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

/** Left-aligned in a column of n characters. */
export const pad = (s, n) => String(s).padEnd(n);

/** Right-aligned in a column of n characters. */
export const padLeft = (s, n) => String(s).padStart(n);
