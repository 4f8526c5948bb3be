import { posix, win32 } from 'node:path';
import type { ResolvedLaunchOptions } from '@switchyard/core';
import { type LaunchPlan, maskSecrets } from '@switchyard/core';

/** Programs that would read the arguments as a command line. */
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'csh', 'tcsh', 'fish', 'cmd', 'powershell', 'pwsh']);
/** Characters a shell would interpret; none belongs in an executable's name. */
const SHELL_METACHARACTERS = /[;&|<>`$(){}[\]*?!'"\n\r]/;
const LOOPBACK = /^(127(?:\.\d{1,3}){3}|::1|\[::1\]|localhost)$/;
const WILDCARD = /(?:^|[^\d.])0\.0\.0\.0(?![\d.])|^(?:::|\[::\])(?::\d+)?$/;
const STOP_SIGNALS = new Set(['SIGTERM', 'SIGINT']);

/** Problems with how a plan runs its engine: an executable and an argv array, never a shell. */
export function argvProblems(plan: LaunchPlan): string[] {
  const problems: string[] = [];
  const { command, args } = plan;
  if (typeof command !== 'string' || command.trim() === '') return ['command must name an executable'];
  const absolute = posix.isAbsolute(command) || win32.isAbsolute(command);
  if (SHELL_METACHARACTERS.test(command) || (!absolute && /\s/.test(command))) {
    problems.push(
      `command "${command}" is a command line, not an executable: put the program in command and each argument in args`,
    );
  }
  const program = (command.split(/[\\/]/).at(-1) ?? command).toLowerCase().replace(/\.exe$/, '');
  if (SHELLS.has(program)) {
    problems.push(`command runs the shell "${program}": run the engine's executable directly with an argv array`);
  }
  if (!Array.isArray(args) || args.some((arg) => typeof arg !== 'string')) {
    problems.push('args must be an array of strings');
  }
  return problems;
}

/** Problems with a plan made from default options: it must serve on loopback only. */
export function loopbackProblems(plan: LaunchPlan): string[] {
  const problems: string[] = [];
  if (!LOOPBACK.test(plan.host)) {
    problems.push(`the plan binds ${plan.host} by default; bind the address in options.bind (loopback by default)`);
  }
  const wildcards = [
    ...(Array.isArray(plan.args) ? plan.args : []).filter((arg) => WILDCARD.test(arg)).map((arg) => `argument ${arg}`),
    ...Object.entries(plan.env ?? {})
      .filter(([, value]) => WILDCARD.test(value))
      .map(([name, value]) => `${name}=${value}`),
  ];
  if (wildcards.length > 0) {
    problems.push(`the plan listens on every interface by default (${wildcards.join(', ')}); use options.bind`);
  }
  return problems;
}

/** Problems with a plan made with `options.apiKey = secret`: the key may travel only in secret env. */
export function secretProblems(plan: LaunchPlan, secret: string): string[] {
  const problems: string[] = [];
  const inArgv = [plan.command, ...(Array.isArray(plan.args) ? plan.args : [])].some((part) => part.includes(secret));
  if (inArgv) {
    problems.push(
      'the API key appears in the command line, which every user of the machine can read (ps); pass it in env and list the variable in secretEnv',
    );
  }
  const exposed = Object.entries(plan.env ?? {})
    .filter(([name, value]) => value.includes(secret) && !plan.secretEnv.includes(name))
    .map(([name]) => name);
  if (exposed.length > 0) problems.push(`env ${exposed.join(', ')} holds the API key but is not listed in secretEnv`);
  if (!inArgv && exposed.length === 0 && JSON.stringify(maskSecrets(plan)).includes(secret)) {
    problems.push('the API key shows in the plan even with its secrets masked');
  }
  return problems;
}

/** Problems with what the supervisor and the CLI rely on: the options honoured, a usable readiness check. */
export function contractProblems(plan: LaunchPlan, backend: string, options: ResolvedLaunchOptions): string[] {
  const problems: string[] = [];
  if (plan.backend !== backend) problems.push(`plan.backend is "${plan.backend}", not the backend's name "${backend}"`);
  if (plan.port !== options.port) problems.push(`plan.port is ${plan.port}, not options.port ${options.port}`);
  if (plan.host !== options.bind) problems.push(`plan.host is "${plan.host}", not options.bind "${options.bind}"`);
  if (typeof plan.servedModelName !== 'string' || plan.servedModelName === '') {
    problems.push('servedModelName must name the model id clients send');
  }
  const readiness = plan.readiness;
  if (!readiness || !['GET', 'POST'].includes(readiness.method) || !readiness.path?.startsWith('/')) {
    problems.push('readiness must be a GET or POST of a path starting with /');
  } else if (!Number.isInteger(readiness.expectStatus)) {
    problems.push('readiness.expectStatus must be an HTTP status');
  }
  if (!STOP_SIGNALS.has(plan.stopSignal)) problems.push(`stopSignal must be SIGTERM or SIGINT, not ${plan.stopSignal}`);
  if (Object.values(plan.env ?? {}).some((value) => typeof value !== 'string')) {
    problems.push('env values must be strings');
  }
  const unknownSecrets = (plan.secretEnv ?? []).filter((name) => !(name in (plan.env ?? {})));
  if (unknownSecrets.length > 0) problems.push(`secretEnv names ${unknownSecrets.join(', ')}, which env lacks`);
  if (typeof plan.installHint !== 'string' || plan.installHint === '') {
    problems.push('installHint must say how to install the engine');
  }
  return problems;
}
