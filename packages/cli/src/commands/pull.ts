import { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { ExitCode } from '../exit-codes.js';
import { type HubFlags, hubRequestFor } from '../inputs/hub-model.js';
import { addModelOptions, addTargetOptions } from '../options.js';
import { bytes } from '../output/byte-sizes.js';
import { pullDisplay } from '../output/pull-progress.js';
import { exitCodeFor, type StopReason } from '../stop-requests.js';

interface PullFlags extends HubFlags {
  readonly json?: boolean;
}

export function pullCommand({ io, setExitCode }: CommandContext): Command {
  const command = new Command('pull')
    .description('download the files MODEL needs into the Hugging Face cache: resumable, each file verified')
    .argument('<model>', 'catalog or custom model name, or a hub id such as Qwen/Qwen2.5-7B-Instruct-GGUF[:Q4_K_M]')
    .option('--file <name>', 'the GGUF file to fetch from a hub repository (the first shard of a split model)')
    .option('--revision <rev>', 'branch, tag or commit of the hub repository', 'main')
    .option('--json', 'print the pulled model as JSON: repo, commit, path, files');
  addModelOptions(command);
  addTargetOptions(command);
  return command.action(async (model: string, flags: PullFlags) => {
    const request = await hubRequestFor(model, flags, io);
    const { hubSettings, pullModel } = await import('@switchyard/hub');
    const settings = hubSettings(io.env, flags.offline ? { offline: true } : {});
    const display = pullDisplay(io, io.interactive && !flags.json);
    const stop = new AbortController();
    let stopReason: StopReason | undefined;
    const unsubscribe =
      io.onStopRequest?.((reason) => {
        stopReason ??= reason;
        stop.abort();
      }) ?? (() => {});
    try {
      const pulled = await pullModel(request, { settings, onProgress: display.update, signal: stop.signal });
      display.stop();
      if (flags.json) {
        io.stdout(`${JSON.stringify(pulled)}\n`);
        return;
      }
      const count = `${pulled.files.length} file${pulled.files.length === 1 ? '' : 's'}`;
      const fetched = pulled.fetchedBytes > 0 ? `, ${bytes(pulled.fetchedBytes)} downloaded` : ', all already cached';
      io.stdout(
        `${settings.offline ? 'Found' : 'Pulled'} ${pulled.repo} at ${pulled.commit.slice(0, 12)}: ${count}, ${bytes(pulled.bytes)}${settings.offline ? '' : fetched}\n` +
          `Path: ${pulled.path}\n`,
      );
    } catch (error) {
      display.stop();
      if (!stop.signal.aborted) throw error;
      io.stderr('Stopped. What arrived is kept: `switchyard pull` again resumes from there.\n');
      setExitCode(stopReason === undefined ? ExitCode.failure : exitCodeFor(stopReason));
    } finally {
      unsubscribe();
    }
  });
}
