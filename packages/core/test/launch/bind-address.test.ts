import { EngineSupervisor } from '@switchyard/supervisor';
import { describe, expect, it } from 'vitest';
import { fakeEngine } from '../../../supervisor/test/fake-engine.js';
import { bindAddressSyntaxProblem, isLoopbackAddress, localBindProblem, parseLaunchOptions } from '../../src/index.js';

describe('bind addresses', () => {
  it.each(['127.0.0.1', '0.0.0.0', '::', '::1', 'fe80::1', 'localhost', 'gpu-box.internal', 'a.b-c.example.'])(
    '%s is spelled as an address',
    (bind) => expect(bindAddressSyntaxProblem(bind)).toBeUndefined(),
  );

  it.each(['999.1.1.1', '10.0.0', 'a b', 'http://x', '-host', 'x_y.example', '1.2.3.4:80', ''])('%j is not', (bind) =>
    expect(bindAddressSyntaxProblem(bind)).toMatch(/is not an IP address or a host name/),
  );

  it('refuses a malformed bind in launch options, naming the field', () => {
    expect(() => parseLaunchOptions({ bind: '999.1.1.1' })).toThrow(/bind: "999\.1\.1\.1" is not an IP address/);
  });

  it('knows loopback from the rest', () => {
    expect(['127.0.0.1', '127.8.9.1', '::1', 'localhost', 'LOCALHOST'].every(isLoopbackAddress)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', 'gpu-box'].some(isLoopbackAddress)).toBe(false);
  });

  it('accepts only addresses this machine has, and names that resolve to one', async () => {
    for (const bind of ['127.0.0.1', '0.0.0.0', '::', 'localhost'])
      expect(await localBindProblem(bind)).toBeUndefined();
    expect(await localBindProblem('10.255.255.1')).toMatch(
      /^10\.255\.255\.1 is not an address of this machine; its addresses are .*127\.0\.0\.1/,
    );
    expect(await localBindProblem('no-such-host.invalid')).toBe(
      'the host name "no-such-host.invalid" does not resolve',
    );
  });

  it('is checked by the supervisor before it looks for a port or starts anything', async () => {
    const supervisor = new EngineSupervisor();
    await expect(supervisor.freePort('10.255.255.1')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      problems: [{ field: 'bind', message: expect.stringContaining('is not an address of this machine') }],
    });
    const { plan } = fakeEngine(1, []);
    await expect(supervisor.start({ ...plan, host: '10.255.255.1' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
