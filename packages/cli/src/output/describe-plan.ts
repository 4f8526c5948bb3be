import { engineUrl, type LaunchPlan } from '@switchyard/core';
import { shellQuote } from './shell-quote.js';

/**
 * The command line, environment, address, readiness check and stop signal of a (masked) plan.
 * `portPicked`: no --port was given, so the plan shows the engine's default port where launch
 * would take a free one.
 */
export function describePlan(plan: LaunchPlan, portPicked = false): string {
  const env = Object.entries(plan.env);
  const { method, path, expectStatus, note } = plan.readiness;
  const lines = [
    `Engine:    ${plan.backend} (runtime ${plan.runtime})`,
    ...(plan.runtimeReason ? [`           ${plan.runtimeReason}`] : []),
    '',
    'Command line (shell-quoted for display; Switchyard runs it without a shell):',
    `  ${[plan.command, ...plan.args].map(shellQuote).join(' ')}`,
    '',
    env.length === 0 ? 'Environment: inherited, nothing added' : 'Environment added to the inherited one:',
    ...env.map(([name, value]) => `  ${name}=${shellQuote(value)}`),
    '',
    ...workdirLines(plan),
    `Serves:    ${engineUrl(plan)}/v1 as model "${plan.servedModelName}"`,
    ...(portPicked
      ? [`           ${plan.port} is the engine's default port; launch takes a free one unless --port names one`]
      : []),
    `Ready:     when ${method} ${path} answers ${expectStatus}`,
    ...(note ? [`           ${note}`] : []),
    `Stop:      ${plan.stopSignal}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Where the engine runs when it needs links beside it: a private directory, gone when it stops. */
function workdirLines(plan: LaunchPlan): string[] {
  const links = Object.entries(plan.workdirLinks ?? {});
  if (links.length === 0) return [];
  return [
    'Runs in a private directory (removed when it stops) holding:',
    ...links.map(([name, target]) => `  ${name} -> ${target}`),
    '',
  ];
}

/** The plan as `plan --json` prints it: what would run, and how to tell it is ready. */
export function planJson(plan: LaunchPlan): Record<string, unknown> {
  return {
    backend: plan.backend,
    runtime: plan.runtime,
    ...(plan.runtimeReason ? { runtimeReason: plan.runtimeReason } : {}),
    command: plan.command,
    args: plan.args,
    env: plan.env,
    host: plan.host,
    port: plan.port,
    url: engineUrl(plan),
    servedModelName: plan.servedModelName,
    ...(plan.workdirLinks ? { workdirLinks: plan.workdirLinks } : {}),
    readiness: plan.readiness,
    stopSignal: plan.stopSignal,
  };
}
