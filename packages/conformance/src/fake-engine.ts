import type { LaunchPlan, SuperviseOptions, Supervisor } from '@switchyard/core';
import { EngineSupervisor } from '@switchyard/supervisor';

/** The environment variable that tells the fake engine what to serve. */
const CONFIG_VARIABLE = 'SWITCHYARD_FAKE_ENGINE';

/**
 * The test double that stands in for an engine: a Node HTTP server that starts listening after a
 * short "load", answers the plan's readiness request with the status it expects (404 elsewhere)
 * and exits cleanly on SIGTERM or SIGINT. Run with `node -e`, so it needs no file on disk.
 */
export const FAKE_ENGINE_SOURCE = `
const http = require('node:http');
const c = JSON.parse(process.env.${CONFIG_VARIABLE});
const server = http.createServer((request, response) => {
  request.resume();
  const ready = request.method === c.method && request.url === c.path;
  response.writeHead(ready ? c.status : 404, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ fakeEngine: true }));
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
console.log('fake engine loading');
setTimeout(() => server.listen(c.port, c.host, () => console.log('fake engine serving on ' + c.host + ':' + c.port)), 100);
`;

/**
 * The plan with its engine replaced by the fake engine: same host, port, readiness check, stop
 * signal and environment, so the supervisor treats it exactly as it would the real engine.
 */
export function fakeEnginePlan(plan: LaunchPlan): LaunchPlan {
  const { host, port, readiness } = plan;
  const config = { host, port, method: readiness.method, path: readiness.path, status: readiness.expectStatus };
  return {
    ...plan,
    command: process.execPath,
    args: ['-e', FAKE_ENGINE_SOURCE],
    env: { ...plan.env, [CONFIG_VARIABLE]: JSON.stringify(config) },
  };
}

/** A supervisor that runs the fake engine in place of every engine, and keeps the plans it was given. */
export interface FakeEngineSupervisor extends Supervisor {
  /** The plans as the backend made them, in the order they were started. */
  readonly started: readonly LaunchPlan[];
}

/** Wraps a supervisor (a fresh EngineSupervisor by default) so that it starts the fake engine instead. */
export function fakeEngineSupervisor(inner: Supervisor = new EngineSupervisor()): FakeEngineSupervisor {
  const started: LaunchPlan[] = [];
  return {
    started,
    freePort: (bind: string) => inner.freePort(bind),
    start: (plan: LaunchPlan, options?: SuperviseOptions) => {
      started.push(plan);
      return inner.start(fakeEnginePlan(plan), options);
    },
  };
}
