import { CLI, HOST_DETECTION, interleavedMedians, median, RUNS } from '../lib/stats.mjs';

/** `switchyard host` in a fresh process (every probe runs), and the cached answer in a warm one. */
export async function measureHostDetection() {
  const [cold] = interleavedMedians([[CLI, 'host', '--json']]);
  const { detectHostReport } = await import(HOST_DETECTION);
  await detectHostReport();
  const warm = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await detectHostReport();
    warm.push(performance.now() - started);
  }
  const { probes } = await detectHostReport({ refresh: true });
  const slowest = [...probes].sort((a, b) => b.durationMs - a.durationMs)[0];
  return [
    {
      figure: '`switchyard host` cold (all probes)',
      value: cold,
      unit: 'ms',
      target: { atMost: 500 },
      note: slowest ? `slowest probe: ${slowest.name}, ${slowest.durationMs.toFixed(0)} ms` : undefined,
    },
    { figure: 'host detection, warm (cached)', value: median(warm), unit: 'ms' },
  ];
}
