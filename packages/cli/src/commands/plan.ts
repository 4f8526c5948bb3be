import { maskSecrets, planLaunch } from '@switchyard/core';
import { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { ExitCode } from '../exit-codes.js';
import { inFlagTerms, type LaunchFlags, launchOptionsFromFlags } from '../inputs/launch-flags.js';
import { selectTarget } from '../inputs/memory-refusal.js';
import { resolveTarget, type TargetFlags } from '../inputs/target.js';
import { addLaunchOptions, addModelOptions, addTargetOptions } from '../options.js';
import { describePlan, planJson } from '../output/describe-plan.js';
import { describeSpec } from '../output/describe-spec.js';
import { reportNoEngine } from '../output/no-engine.js';

interface PlanFlags extends TargetFlags, LaunchFlags {
  readonly json?: boolean;
}

export function planCommand({ io, extraArgs, setExitCode }: CommandContext): Command {
  const command = new Command('plan')
    .description('show the exact command and environment that would start the chosen engine, without running it')
    .argument('[model]', 'model name (builtin or custom), a model folder, or a path to a .gguf file')
    .usage('[options] [model] [-- engine arguments...]');
  addModelOptions(command);
  addTargetOptions(command);
  addLaunchOptions(command);
  return command
    .option('--json', 'print the plan as JSON')
    .action(async (model: string | undefined, flags: PlanFlags) => {
      // Bad launch flags are input errors: report them before probing the host.
      const launchOptions = await launchOptionsFromFlags(flags, extraArgs, io);
      const target = await resolveTarget(model, flags, io);
      const { switchyard, model: resolved } = target;
      const selection = await selectTarget(target, flags.engine);
      const backend = selection.chosen === null ? undefined : switchyard.registry.get(selection.chosen);
      if (!backend) {
        setExitCode(reportNoEngine(selection, io, flags.json === true));
        return;
      }
      const plan = maskSecrets(
        await inFlagTerms(() => planLaunch(backend, selection.spec, selection.host, launchOptions)),
      );
      if (flags.json) {
        io.stdout(`${JSON.stringify(planJson(plan))}\n`);
      } else {
        io.stdout(`Model:     ${describeSpec(selection.spec)}\n`);
        if (resolved.note) io.stdout(`           ${resolved.note}\n`);
        io.stdout(describePlan(plan, launchOptions.port === undefined));
      }
      setExitCode(ExitCode.ok);
    });
}
