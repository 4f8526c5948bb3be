import { CORE } from '../lib/stats.mjs';

const ENGINES = ['vllm', 'sglang', 'llamacpp', 'transformers', 'mlx'];

/** 1,000 varied hosts: OS, arch, GPU count, vendor and memory, and which engines are installed. */
function hostProfiles({ parseHostInfo, KNOWN_RUNTIMES }, count = 1000) {
  const systems = [
    ['linux', 'x64'],
    ['linux', 'arm64'],
    ['darwin', 'arm64'],
    ['darwin', 'x64'],
    ['win32', 'x64'],
  ];
  const gpuCounts = [0, 1, 2, 4, 8];
  const vendors = ['nvidia', 'amd', 'apple', 'intel'];
  return Array.from({ length: count }, (_, i) => {
    const [os, arch] = systems[i % systems.length];
    const gpus = Array.from({ length: gpuCounts[(i >> 2) % gpuCounts.length] }, (_, index) => {
      const vendor = vendors[(i >> 4) % vendors.length];
      return {
        index,
        vendor,
        name: `${vendor} gpu`,
        memoryMiB: 8192 * (1 + ((i + index) % 10)),
        ...(vendor === 'nvidia' ? { computeCapability: '8.0' } : {}),
      };
    });
    // Bits of i choose the installed runtimes, so every subset pattern appears.
    const engines = Object.fromEntries(
      KNOWN_RUNTIMES.filter((_, bit) => ((i * 2654435761) >>> bit) & 1).map((name) => [name, { version: '1.0' }]),
    );
    return parseHostInfo({ os, arch, gpus, engines });
  });
}

/** Every first-party backend's `matches` over every catalog spec × 1,000 hosts, per second. */
export async function measureMatches() {
  const core = await import(CORE);
  const backends = await Promise.all(
    ENGINES.map(async (engine) => (await import(`@switchyard/backend-${engine}`)).default.backends[0]),
  );
  const specs = (await core.loadCatalog()).modelSpecs();
  const hosts = hostProfiles(core);
  let eligible = 0;
  const started = performance.now();
  for (const host of hosts) {
    for (const spec of specs) {
      for (const backend of backends) if (backend.matches(spec, host).eligible) eligible++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const evaluations = hosts.length * specs.length * backends.length;
  return [
    {
      figure: '`matches` evaluations per second',
      value: evaluations / seconds,
      unit: '/s',
      target: { atLeast: 1_000_000 },
      note: `${backends.length} backends × ${specs.length} catalog specs × ${hosts.length} hosts, ${eligible} eligible`,
    },
  ];
}
