import {
  type Backend,
  type Catalog,
  type CatalogFilters,
  describeBudget,
  gib,
  InvalidInputError,
  loadCatalog,
  type ModelSpec,
  type ModelSpecInput,
  parseModelSpec,
  type Switchyard,
  UnknownEngineError,
} from '@switchyard/core';
import type { NodeClass } from '../cluster/node-class.js';
import { groupNodes } from '../cluster/node-class.js';
import { parseNodeList } from '../cluster/node-list.js';
import { backendsForClass, type ImageOverride, imageRuntimes } from '../images/class-image.js';
import { chooseCatalogSpec, describeChoice, type JudgedClass } from './choose-spec.js';
import { describeSpec } from './describe-spec.js';
import { engineRank } from './engine-rank.js';
import { gpuCounts } from './gpu-counts.js';
import { type ClassJudgement, judgeClass } from './judge-class.js';
import type { ClassFit, ClassVerdict, Placement } from './placement.js';

/** What to place and where: the model, the cluster's nodes and the narrowing options. */
export interface PlacementRequest extends CatalogFilters {
  /** A catalog model's name (narrowed by format, size and quantization) or a whole model spec. */
  readonly model: string | ModelSpecInput;
  /** The catalog names are looked up in; the builtin catalog when absent. */
  readonly catalog?: Catalog;
  /** `kubectl get nodes -o json`, parsed. */
  readonly nodes: unknown;
  /** Where `nodes` came from, for errors (e.g. `--nodes nodes.json`). */
  readonly nodesSource?: string;
  /** Only this engine. */
  readonly engine?: string;
  /** An image for the chosen engine (with `engine`, also one for an engine without an official image). */
  readonly image?: string;
  /** GPUs each replica gets, instead of the fewest the model fits in. */
  readonly gpusPerReplica?: number;
  /** Engine names to prefer, in order, as in selection. */
  readonly prefer?: readonly string[];
}

/**
 * Places a model on a cluster: groups the nodes into classes, judges every class as a single host
 * (selection's rules and the memory plan, with every engine installed that has an image), and
 * chooses the best class: engine rank, then GPU nodes over CPU nodes, then the fewest GPUs, then
 * the smallest GPUs that suffice, then the most nodes. Every class's verdict says why.
 */
export async function placeModel(switchyard: Switchyard, request: PlacementRequest): Promise<Placement> {
  const { classes, skipped } = groupNodes(parseNodeList(request.nodes, request.nodesSource));
  const all = switchyard.registry.list();
  if (request.engine !== undefined && !all.some((backend) => backend.name === request.engine)) {
    throw new UnknownEngineError(request.engine, switchyard.registry.names());
  }
  const prefer = request.prefer ?? [];
  const override: ImageOverride = {
    ...(request.engine === undefined ? {} : { engine: request.engine }),
    ...(request.image === undefined ? {} : { image: request.image }),
  };
  const engines = imageRuntimes(all);
  const judged: JudgedClass[] = classes.map((nodeClass) => {
    const backends = backendsForClass(all, nodeClass, override).filter(
      (backend) => request.engine === undefined || backend.name === request.engine,
    );
    const counts = gpuCounts(nodeClass, request.gpusPerReplica);
    return {
      nodeClass,
      maxGpus: typeof counts === 'string' ? 0 : Math.max(...counts),
      context: { backends, engines, prefer, gpusPerReplica: request.gpusPerReplica },
    };
  });
  const rank = engineRank(all, prefer);
  const { spec, specReason } = await resolveSpec(request, judged, rank);
  const judgements = judged.map(({ nodeClass, context }) => ({ nodeClass, ...judgeClass(nodeClass, spec, context) }));
  const fitting = judgements
    .filter((judgement): judgement is Judged & { fit: ClassFit } => judgement.fit !== undefined)
    .sort((a, b) => compareFits(a, b, rank));
  const best = fitting[0];
  // Best first, as selection lists engines: the chosen class, the others that could run it, the rest.
  const ordered = [...fitting, ...judgements.filter((judgement) => judgement.fit === undefined)];
  const verdicts: ClassVerdict[] = ordered.map((judgement) => ({
    nodeClass: judgement.nodeClass,
    chosen: judgement === best,
    ...(judgement.fit ? { fit: judgement.fit } : {}),
    ...(judgement.shortfall ? { shortfall: judgement.shortfall } : {}),
    reasons: reasonsFor(judgement, best, all),
    candidates: judgement.candidates,
  }));
  const chosen = verdicts.find((verdict) => verdict.chosen);
  return {
    spec,
    ...(specReason === undefined ? {} : { specReason }),
    chosen,
    classes: verdicts,
    skipped,
    ...(chosen ? {} : { refusal: refusal(spec, judgements) }),
  };
}

type Judged = ClassJudgement & { readonly nodeClass: NodeClass };

async function resolveSpec(
  request: PlacementRequest,
  classes: readonly JudgedClass[],
  rank: (engine: string) => number,
): Promise<{ spec: ModelSpec; specReason?: string }> {
  const filters: CatalogFilters = {
    ...(request.format === undefined ? {} : { format: request.format }),
    ...(request.size === undefined ? {} : { size: request.size }),
    ...(request.quantization === undefined ? {} : { quantization: request.quantization }),
  };
  if (typeof request.model !== 'string') {
    if (Object.keys(filters).length > 0) {
      throw new InvalidInputError('deploy request', [
        {
          field: Object.keys(filters)[0] ?? '',
          message: 'narrows a catalog model; for a model spec, set it in the spec',
        },
      ]);
    }
    return { spec: parseModelSpec(request.model) };
  }
  const catalog = request.catalog ?? (await loadCatalog());
  const model = catalog.get(request.model);
  if (!model) throw catalog.unknownNameError(request.model, 'model');
  const choice = chooseCatalogSpec(model, classes, filters, rank);
  if (!choice) {
    throw new InvalidInputError('node list', [{ field: 'items', message: 'no node can take a pod' }]);
  }
  return { spec: choice.selection.spec, specReason: describeChoice(choice) };
}

function compareFits(a: Judged & { fit: ClassFit }, b: Judged & { fit: ClassFit }, rank: (engine: string) => number) {
  return (
    rank(a.fit.engine) - rank(b.fit.engine) ||
    Number(a.fit.gpus === 0) - Number(b.fit.gpus === 0) ||
    a.fit.gpus - b.fit.gpus ||
    (a.nodeClass.gpu?.memoryMiB ?? 0) - (b.nodeClass.gpu?.memoryMiB ?? 0) ||
    b.nodeClass.nodes.length - a.nodeClass.nodes.length
  );
}

const gpuWords = (gpus: number) => (gpus === 0 ? 'on CPUs' : `on ${gpus} GPU${gpus === 1 ? '' : 's'}`);

function reasonsFor(judgement: Judged, best: (Judged & { fit: ClassFit }) | undefined, backends: readonly Backend[]) {
  const { fit } = judgement;
  if (!fit) return judgement.refusals;
  const name = (engine: string) => backends.find((backend) => backend.name === engine)?.displayName ?? engine;
  const budget = fit.memory.budget ? ` (${describeBudget(fit.memory.budget)})` : '';
  const needs = fit.memory.fits === undefined ? 'its size is unknown' : `needs about ${gib(fit.memory.neededBytes)}`;
  const runs = `${name(fit.engine)} ${gpuWords(fit.gpus)}${budget}; ${needs}`;
  if (judgement === best || !best) return [`chosen: ${runs}`];
  const other = best.fit;
  const why =
    other.engine !== fit.engine
      ? `${name(other.engine)} ranks above ${name(fit.engine)}`
      : fit.gpus === 0 && other.gpus > 0
        ? `${best.nodeClass.name} runs it on GPUs`
        : other.gpus < fit.gpus
          ? `${best.nodeClass.name} needs ${other.gpus === 1 ? 'one GPU' : `only ${other.gpus}`}`
          : (best.nodeClass.gpu?.memoryMiB ?? 0) < (judgement.nodeClass.gpu?.memoryMiB ?? 0)
            ? `${best.nodeClass.name}'s smaller GPUs suffice`
            : `${best.nodeClass.name} has as good a fit and comes first`;
  return [`could run it: ${runs}; not chosen: ${why}`];
}

/** Why nothing was chosen, with the numbers when the model is simply too large for any node. */
function refusal(spec: ModelSpec, judgements: readonly Judged[]): string {
  const short = judgements.flatMap(({ nodeClass, shortfall }) => (shortfall ? [{ nodeClass, shortfall }] : []));
  const roomiest = short.sort((a, b) => (b.shortfall.budget?.bytes ?? 0) - (a.shortfall.budget?.bytes ?? 0))[0];
  if (!roomiest) return `No node class can run ${describeSpec(spec)}; each class's reasons are listed.`;
  const { neededBytes, budget, gpus } = roomiest.shortfall;
  const where = gpus === 0 ? 'a node' : `${gpus} × ${roomiest.nodeClass.gpu?.product}`;
  return `No node can hold one replica of ${describeSpec(spec)}, which needs about ${gib(neededBytes)}: the most one replica can get is ${budget ? describeBudget(budget) : 'unknown memory'} (${where} in ${roomiest.nodeClass.name}). Serving one replica across several nodes is a later step.`;
}
