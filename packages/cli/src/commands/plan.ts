import { maskSecrets } from '@switchyard/core';
import { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { ExitCode } from '../exit-codes.js';
import { inFlagTerms, type LaunchFlags, launchOptionsFromFlags } from '../inputs/launch-flags.js';
import { inSpecFileTerms, resolveTarget, type TargetFlags } from '../inputs/target.js';
import { addLaunchOptions, addModelOptions, addTargetOptions } from '../options.js';
import { describeFit } from '../output/describe-fit.js';
import { describePlan, planJson } from '../output/describe-plan.js';
import { describeSpec } from '../output/describe-spec.js';
import { wordAsFlags } from '../output/flag-words.js';
import { refusedSelection, reportNoEngine } from '../output/no-engine.js';

interface PlanFlags extends TargetFlags, LaunchFlags {
  readonly json?: boolean;
}

export function planCommand({ io, extraArgs, setExitCode }: CommandContext): Command {
  const command = new Command('plan')
    .description('show the exact command and environment that would start the chosen engine, without running it')
    .argument(
      '[model]',
      'model name (builtin or custom), a model folder, a path to a .gguf file, or a hub id (org/name[:QUANT])',
    )
    .usage('[options] [model] [-- engine arguments...]');
  addModelOptions(command);
  addTargetOptions(command);
  addLaunchOptions(command);
  return command
    .option('--json', 'print the plan as JSON')
    .action(async (model: string | undefined, flags: PlanFlags) => {
      // Bad launch flags are input errors: report them before probing the host.
      const launchOptions = await launchOptionsFromFlags(flags, extraArgs, io);
      const { switchyard, reference, request } = await resolveTarget(model, flags, io);
      const planned = await inFlagTerms(() =>
        inSpecFileTerms(flags, () => switchyard.plan(reference, { ...request, ...launchOptions })),
      ).catch((error: unknown) => {
        const refused = refusedSelection(error);
        if (refused === undefined) throw error;
        setExitCode(reportNoEngine(refused, io, flags.json === true));
        return undefined;
      });
      if (planned === undefined) return;
      const { selection, plan } = planned;
      if (plan === null) {
        const backend = selection.chosen as string;
        if (flags.json) io.stdout(`${JSON.stringify({ backend, plan: null })}\n`);
        else io.stdout(`${backend} starts its engine itself and shows no plan; \`switchyard launch\` runs it.\n`);
      } else if (flags.json) {
        const fit = selection.fit.plan;
        io.stdout(`${JSON.stringify({ ...planJson(maskSecrets(plan)), ...(fit === undefined ? {} : { fit }) })}\n`);
      } else {
        io.stdout(`Model:     ${describeSpec(selection.spec)}\n`);
        io.stdout(`           ${wordAsFlags(selection.reason)}\n`);
        io.stdout(describeFit(selection, 'Memory:    '));
        io.stdout(describePlan(maskSecrets(plan), launchOptions.port === undefined));
      }
      setExitCode(ExitCode.ok);
    });
}
