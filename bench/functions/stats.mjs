/** p50 and p99 (nearest rank) of a list of milliseconds. */
export function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { p50: at(50), p99: at(99), min: sorted[0], max: sorted.at(-1) };
}

export function formatMs(ms) {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`;
}

export function line(label, samples) {
  const { p50, p99, min, max } = percentiles(samples);
  return `${label}: p50 ${formatMs(p50)}, p99 ${formatMs(p99)} (min ${formatMs(min)}, max ${formatMs(max)}, ${samples.length} runs)`;
}
