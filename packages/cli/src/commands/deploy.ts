import type { DeployRequest, ManifestFormat, Placement } from '@switchyard/deploy';
import { Command, Option } from 'commander';
import type { CommandContext } from '../command-context.js';
import { ExitCode } from '../exit-codes.js';
import { wholeNumber } from '../flag-values.js';
import { readSwitchyardConfig } from '../inputs/config-file.js';
import { readNodesFlag } from '../inputs/nodes-input.js';
import { resolveTarget, type TargetFlags } from '../inputs/target.js';
import { addModelOptions, configOption, pluginOption } from '../options.js';
import { describeSpec } from '../output/describe-spec.js';
import { wordAsFlags } from '../output/flag-words.js';
import { paletteFor } from '../output/palette.js';
import { placementTable } from '../output/placement-table.js';

interface DeployFlags extends TargetFlags {
  readonly nodes?: string;
  readonly gpusPerReplica?: number;
  readonly replicas: number;
  readonly image?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly cachePvc?: string;
  readonly hfTokenSecret?: string;
  readonly apiKeySecret?: string;
  readonly port?: number;
  readonly servedName?: string;
  readonly output: ManifestFormat;
  readonly json?: boolean;
}

export function deployCommand({ io, extraArgs, setExitCode }: CommandContext): Command {
  const command = new Command('deploy')
    .description(
      'place a model on a Kubernetes cluster (from `kubectl get nodes -o json`) and print its Deployment and Service for `kubectl apply -f -`',
    )
    .argument('[model]', 'model name (builtin or custom)')
    .usage('[options] <model> --nodes <file> [-- engine arguments...]')
    .option('--nodes <file>', 'the output of `kubectl get nodes -o json`, or - to read it from standard input');
  addModelOptions(command);
  return command
    .option('--engine <name>', 'use this engine; fails with every class’s reasons when none can run it there')
    .addOption(pluginOption())
    .addOption(configOption())
    .option('--gpus-per-replica <n>', 'GPUs per pod (default: the fewest the model fits in)', wholeNumber(1, 1024))
    .option('--replicas <n>', 'pods, each with a whole copy of the model', wholeNumber(0, 10_000), 1)
    .option('--image <ref>', "container image instead of the engine's official one (with --engine: for any engine)")
    .option('--name <name>', 'name of the Deployment and Service (default: from the model name)')
    .option('--namespace <ns>', 'namespace to put them in (default: kubectl’s current one)')
    .option('--cache-pvc <name>', 'PersistentVolumeClaim for the model cache (default: an emptyDir per pod)')
    .option('--hf-token-secret <name[:key]>', 'Secret holding a Hugging Face token (key: token)')
    .option('--api-key-secret <name[:key]>', 'Secret holding the API key clients must send (key: api-key)')
    .option('--port <n>', "container and Service port (default: the engine's own)", wholeNumber(1, 65535))
    .option('--served-name <name>', 'model id clients send in requests (default: the model name)')
    .option('--context-length <n>', 'context length in tokens', wholeNumber(1, 100_000_000, ' tokens'))
    .addOption(
      new Option('-o, --output <format>', 'manifest format: yaml documents, or json (a v1 List)')
        .choices(['yaml', 'json'])
        .default('yaml'),
    )
    .option('--json', 'print the placement (every class’s verdict) and the manifests as one JSON object')
    .action(async (model: string | undefined, flags: DeployFlags) => {
      const nodes = await readNodesFlag(flags.nodes, io);
      const [{ switchyard, reference, request }, { prefer }] = await Promise.all([
        resolveTarget(model, flags, io),
        readSwitchyardConfig(io.cwd, flags.config),
      ]);
      // Loaded on demand: the Kubernetes schemas are only needed here.
      const { deploy, PlacementRefusedError, renderManifests } = await import('@switchyard/deploy');
      const pc = paletteFor(io);
      const report = (placement: Placement) => {
        io.stderr(`Model: ${describeSpec(placement.spec)}\n`);
        if (placement.specReason) io.stderr(`       ${wordAsFlags(placement.specReason)}\n`);
        io.stderr(`\n${placementTable(placement, io.columns, pc)}\n\n`);
      };
      try {
        const { placement, manifests } = await deploy(switchyard, {
          ...request,
          ...deployOptions(flags),
          model: reference,
          prefer,
          nodes,
          nodesSource: `--nodes ${flags.nodes}`,
          extraArgs,
        });
        if (flags.json) io.stdout(`${JSON.stringify({ placement, manifests })}\n`);
        else {
          report(placement);
          io.stdout(renderManifests(manifests, flags.output));
        }
        setExitCode(ExitCode.ok);
      } catch (error) {
        if (!(error instanceof PlacementRefusedError)) throw error;
        if (flags.json) io.stdout(`${JSON.stringify({ placement: error.placement, manifests: [] })}\n`);
        else report(error.placement);
        throw error;
      }
    });
}

/** The flags that shape the Deployment and Service, as deploy options. */
function deployOptions(flags: DeployFlags): Partial<DeployRequest> {
  const options = {
    gpusPerReplica: flags.gpusPerReplica,
    replicas: flags.replicas,
    image: flags.image,
    name: flags.name,
    namespace: flags.namespace,
    cachePvc: flags.cachePvc,
    hfTokenSecret: flags.hfTokenSecret,
    apiKeySecret: flags.apiKeySecret,
    port: flags.port,
    servedName: flags.servedName,
  };
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
