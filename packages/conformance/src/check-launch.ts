import type { Backend, EngineHandle } from '@switchyard/core';
import { engineUrl, isSwitchyardError, killProcessGroup, type LaunchPlan, planLaunch } from '@switchyard/core';
import { fakeEngineSupervisor } from './fake-engine.js';
import { type Case, describeError, type Finding, FindingCollector } from './finding.js';

/** How long the fake engine may take to be ready unless told otherwise. */
export const DEFAULT_READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;
/** The supervisor's grace period and then some: a stop() that takes longer never ends. */
const STOP_LIMIT_MS = STOP_TIMEOUT_MS + 5_000;

export interface LaunchCheckOptions {
  /** The case to launch; the first eligible one whose plan the backend makes by default. */
  readonly case?: Case;
  /** How long the fake engine may take to be ready; 15 seconds by default. */
  readonly readyTimeoutMs?: number;
}

/**
 * Launches the backend on a case through a supervisor that runs the fake engine in place of the
 * real one, then stops it. Reports a launch that fails, bypasses the supervisor it was given,
 * returns a handle that does not match the plan, or leaves the engine serving after `stop`.
 */
export async function checkLaunch(
  backend: Backend,
  eligible: readonly Case[],
  options: LaunchCheckOptions = {},
): Promise<Finding[]> {
  const findings = new FindingCollector(backend.name);
  // The check compares the running engine with the plan the supervisor was given: without a plan
  // the backend starts its engine some other way, which only its own tests can exercise.
  if (backend.plan === undefined) return findings.list();
  const where = options.case ?? eligible.find((candidate) => plansByDefault(backend, candidate));
  if (!where) {
    findings.add('coverage', 'no eligible case plans with default options, so launch was not checked');
    return findings.list();
  }
  const supervisor = fakeEngineSupervisor();
  let handle: EngineHandle;
  try {
    handle = await backend.launch(
      where.spec,
      where.host,
      {},
      {
        supervisor,
        supervise: {
          readyTimeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
          stopTimeoutMs: STOP_TIMEOUT_MS,
        },
      },
    );
  } catch (error) {
    const message = isSwitchyardError(error) ? error.describe() : describeError(error);
    findings.add('launch', `launch failed: ${message}`, where);
    return findings.list();
  }
  try {
    const [plan, ...others] = supervisor.started;
    if (!plan || others.length > 0) {
      findings.add(
        'launch',
        `launch started ${supervisor.started.length} engines through the supervisor it was given, not one`,
        where,
      );
    } else {
      for (const problem of await handleProblems(handle, plan, backend.name)) findings.add('launch', problem, where);
    }
  } finally {
    const outcome = await stopWithin(handle, STOP_LIMIT_MS);
    if (outcome === 'late') {
      findings.add('launch', `stop did not resolve within ${STOP_LIMIT_MS / 1000} s; the engine was killed`, where);
      // Such a handle came from a launch that went round the supervisor: end its engine here.
      killProcessGroup(handle.pid);
    } else if (outcome !== 'stopped') {
      findings.add('launch', `stop failed: ${describeError(outcome.error)}`, where);
    }
  }
  if (await answers(handle.plan)) findings.add('launch', 'the engine still answers after stop resolved', where);
  return findings.list();
}

async function stopWithin(handle: EngineHandle, ms: number): Promise<'stopped' | 'late' | { error: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  const stopped = (async () => {
    await handle.stop();
    await handle.exited;
    return 'stopped' as const;
  })().catch((error: unknown) => ({ error }));
  try {
    return await Promise.race([stopped, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function handleProblems(handle: EngineHandle, plan: LaunchPlan, backend: string): Promise<string[]> {
  const problems: string[] = [];
  if (handle.backend !== backend) problems.push(`handle.backend is "${handle.backend}", not "${backend}"`);
  if (handle.port !== plan.port) problems.push(`handle.port is ${handle.port}, but the plan started port ${plan.port}`);
  if (handle.url !== engineUrl(plan)) problems.push(`handle.url is ${handle.url}, not ${engineUrl(plan)}`);
  if (!(await answers(plan))) problems.push('the engine does not answer its readiness check although launch resolved');
  return problems;
}

/** Whether the plan's readiness request gets the status it expects. */
async function answers(plan: LaunchPlan): Promise<boolean> {
  const { method, path, body, expectStatus } = plan.readiness;
  try {
    const response = await fetch(`${engineUrl(plan)}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(2_000),
    });
    await response.body?.cancel();
    return response.status === expectStatus;
  } catch {
    return false;
  }
}

function plansByDefault(backend: Backend, { spec, host }: Case): boolean {
  try {
    planLaunch(backend, spec, host);
    return true;
  } catch {
    return false;
  }
}
