import {
  type Backend,
  defineBackend,
  definePlugin,
  type HostInfo,
  type LaunchPlan,
  parseHostInfo,
  rules,
  type SwitchyardPlugin,
} from '../src/index.js';

export const linuxCuda: HostInfo = parseHostInfo({
  os: 'linux',
  arch: 'x64',
  gpus: [{ index: 0, vendor: 'nvidia', name: 'RTX 4090', memoryMiB: 24564, computeCapability: '8.9' }],
  engines: { fast: { version: '1.0' }, slow: { version: '1.0' } },
});

export const cpuOnly: HostInfo = parseHostInfo({ os: 'linux', arch: 'x64', engines: { slow: { version: '1.0' } } });

const plan = (): LaunchPlan => ({
  backend: 'test',
  runtime: 'test',
  command: 'true',
  args: [],
  env: {},
  secretEnv: [],
  host: '127.0.0.1',
  port: 1,
  servedModelName: 'm',
  readiness: { method: 'GET', path: '/health', expectStatus: 200 },
  stopSignal: 'SIGTERM',
  installHint: 'nothing to install',
});

export function testBackend(
  name: string,
  priority: number,
  ruleList = [rules.installed(name, name, `install ${name}`)],
) {
  return defineBackend({ name, priority, defaultPort: 9000, rules: ruleList, plan });
}

export function pluginOf(name: string, ...backends: Backend[]): SwitchyardPlugin {
  return definePlugin({ name, apiVersion: 1, backends });
}
