import {
  type Backend,
  describeBudget,
  displayNameOf,
  engineOrder,
  gib,
  InvalidInputError,
  type ModelOptions,
  type ModelReference,
  type ModelSpec,
  type Switchyard,
  UnknownEngineError,
} from '@switchyard/core';
import type { NodeClass } from '../cluster/node-class.js';
import { groupNodes } from '../cluster/node-class.js';
import { parseNodeList } from '../cluster/node-list.js';
import { chooseClusterSpec } from './choose-spec.js';
import { describeSpec } from './describe-spec.js';
import { type ClassJudgement, judgeClass } from './judge-class.js';
import type { ClassFit, ClassVerdict, Placement } from './placement.js';
import type { ClassContext } from './select-on-class.js';

/** What to place and where: the model, the cluster's nodes and the narrowing options. */
export interface PlacementRequest extends ModelOptions {
  /** A catalog or custom name (narrowed by format, size and quantization), or a model spec. */
  readonly model: ModelReference;
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
  /** Context length the engine will be started with, for the memory fit. */
  readonly contextLength?: number;
  /** Engine names to prefer, in order, as in selection. */
  readonly prefer?: readonly string[];
  /** Relative model paths resolve from here. */
  readonly cwd?: string;
}

/**
 * Places a model on a cluster: groups the nodes into classes, judges one node of every class as a
 * host with core's selection (rules, spec choice, memory fit) and the engines whose images run
 * there, and chooses the best class: engine order, then GPU nodes over CPU nodes, then the fewest
 * GPUs, then the smallest GPUs that suffice, then the most nodes. Every class's verdict says why.
 */
export async function placeModel(switchyard: Switchyard, request: PlacementRequest): Promise<Placement> {
  const { classes, skipped } = groupNodes(parseNodeList(request.nodes, request.nodesSource));
  const backends = switchyard.registry.list();
  if (request.engine !== undefined && !switchyard.registry.get(request.engine)) {
    throw new UnknownEngineError(request.engine, switchyard.registry.names());
  }
  const context: ClassContext = {
    switchyard,
    backends,
    override: {
      ...(request.engine === undefined ? {} : { engine: request.engine }),
      ...(request.image === undefined ? {} : { image: request.image }),
    },
    request: selectRequest(request),
    gpusPerReplica: request.gpusPerReplica,
  };
  const choice = await chooseClusterSpec(request.model, classes, context);
  if (!choice) {
    throw new InvalidInputError(
      `node list${request.nodesSource ? ` from ${request.nodesSource}` : ''}`,
      [
        {
          field: 'items',
          message: `no node can take a pod: ${classes.length === 0 ? 'all are set aside' : 'none is judged'}`,
        },
      ],
      'Give the nodes `kubectl get nodes -o json` prints, with some that can take a pod.',
    );
  }
  const { spec } = choice;
  const judgements: Judged[] = [];
  for (const nodeClass of classes) judgements.push({ nodeClass, ...(await judgeClass(nodeClass, spec, context)) });
  const order = engineOrder(request.prefer);
  const rank = (engine: string) => ({ name: engine, priority: switchyard.registry.get(engine)?.priority ?? 0 });
  const fitting = judgements
    .filter((judgement): judgement is Judged & { fit: ClassFit } => judgement.fit !== undefined)
    .sort((a, b) => order(rank(a.fit.engine), rank(b.fit.engine)) || compareFits(a, b));
  const best = fitting[0];
  // Best first, as selection lists engines: the chosen class, the others that could run it, the rest.
  const ordered = [...fitting, ...judgements.filter((judgement) => judgement.fit === undefined)];
  const verdicts: ClassVerdict[] = ordered.map((judgement) => ({
    nodeClass: judgement.nodeClass,
    chosen: judgement === best,
    ...(judgement.fit ? { fit: judgement.fit } : {}),
    ...(judgement.shortfall ? { shortfall: judgement.shortfall } : {}),
    reasons: reasonsFor(judgement, best, backends),
    candidates: judgement.candidates,
  }));
  const chosen = verdicts.find((verdict) => verdict.chosen);
  return {
    spec,
    specReason: choice.reason,
    chosen,
    classes: verdicts,
    skipped,
    ...(chosen ? {} : { refusal: refusal(spec, judgements) }),
  };
}

/** The request's selection options, without the host each class supplies. */
function selectRequest(request: PlacementRequest): ClassContext['request'] {
  const keys = ['format', 'size', 'quantization', 'family', 'engine', 'prefer', 'contextLength', 'cwd'] as const;
  return Object.fromEntries(keys.flatMap((key) => (request[key] === undefined ? [] : [[key, request[key]]])));
}

type Judged = ClassJudgement & { readonly nodeClass: NodeClass };

/** Between classes with equally ranked engines: GPU nodes first, then fewest GPUs, smallest GPUs, most nodes. */
function compareFits(a: Judged & { fit: ClassFit }, b: Judged & { fit: ClassFit }) {
  return (
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
  const name = (engine: string) => {
    const backend = backends.find((b) => b.name === engine);
    return backend ? displayNameOf(backend) : engine;
  };
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
