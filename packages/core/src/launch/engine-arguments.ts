import type { Backend } from '../backend/backend.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import type { HostInfo } from '../host/host-info.js';
import type { ModelSpec } from '../spec/model-spec.js';
import type { ResolvedLaunchOptions } from './launch-options.js';
import type { LaunchPlan } from './launch-plan.js';

/**
 * Flags Switchyard decides for every engine even where a plan leaves them out: where the server
 * listens (the supervisor probes that address), what it loads, and the key, which must never be in argv.
 */
const ALWAYS_DECIDED = ['--host', '--port', '--model', '--model-path', '--uds', '--api-key'];

const flagName = (arg: string) => arg.split('=', 1)[0] ?? arg;
const isFlag = (arg: string) => /^--?[a-z]/i.test(arg);

/**
 * The backend's plan, after making sure the engine arguments given verbatim (`extraArgs`, after `--`
 * on the command line) do not set what the plan already sets: an engine that takes the last value
 * given would listen on another port than the one watched, or load another model than the one chosen.
 */
export function planWithEngineArguments(
  backend: { readonly plan: NonNullable<Backend['plan']> },
  spec: ModelSpec,
  host: HostInfo,
  options: ResolvedLaunchOptions,
): LaunchPlan {
  // The plan as asked for first: the backend's own refusals (of engine arguments too) come before ours.
  const plan = backend.plan(spec, host, options);
  if (options.extraArgs.length === 0) return plan;
  const own = backend.plan(spec, host, { ...options, extraArgs: [] });
  const decided = new Set([...ALWAYS_DECIDED, ...own.args.filter(isFlag).map(flagName)]);
  const clashes = [...new Set(options.extraArgs.filter(isFlag).map(flagName))].filter((flag) => decided.has(flag));
  if (clashes.length > 0) {
    throw new InvalidInputError(
      'engine arguments',
      clashes.map((flag) => ({
        field: 'extraArgs',
        message: `${flag} is set by Switchyard for ${own.backend}; remove it from the engine arguments`,
      })),
      'Set them through the launch options instead (bind, port, servedName, apiKey, gpus, tensorParallel, contextLength).',
    );
  }
  return plan;
}
