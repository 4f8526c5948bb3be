import {
  type Backend,
  displayNameOf,
  InvalidInputError,
  type LaunchPlan,
  type ModelSpec,
  planLaunch,
  type Switchyard,
} from '@switchyard/core';
import { PlacementRefusedError } from './deploy-errors.js';
import { classImage } from './images/class-image.js';
import { ENGINE_IMAGES } from './images/engine-images.js';
import { engineDeployment } from './manifests/deployment.js';
import { API_KEY_PLACEHOLDER } from './manifests/engine-container.js';
import { imageVersion } from './manifests/labels.js';
import { checkNamespace, checkObjectName, resourceName } from './manifests/names.js';
import { parseSecretRef, type SecretRef } from './manifests/secret-ref.js';
import { engineService } from './manifests/service.js';
import { type Manifest, validateManifest } from './manifests/validate-manifest.js';
import { type PlacementRequest, placeModel } from './placement/place-model.js';
import type { Placement } from './placement/placement.js';

/** A placement request plus how the Deployment and Service should look. */
export interface DeployRequest extends PlacementRequest {
  /** Name of the Deployment and Service; made from the served model name when absent. */
  readonly name?: string;
  readonly namespace?: string;
  /** Pods, each holding one whole copy of the model (default 1). */
  readonly replicas?: number;
  /** A PersistentVolumeClaim for the model cache; an emptyDir (downloaded again per pod) when absent. */
  readonly cachePvc?: string;
  /** The Secret key holding a Hugging Face token (`NAME` or `NAME:KEY`, key `token` by default). */
  readonly hfTokenSecret?: string | SecretRef;
  /** The Secret key holding the API key clients must send (`NAME` or `NAME:KEY`, key `api-key` by default). */
  readonly apiKeySecret?: string | SecretRef;
  /** Container and Service port; the engine's own default when absent. */
  readonly port?: number;
  readonly servedName?: string;
  readonly contextLength?: number;
  /** Engine arguments appended verbatim. */
  readonly extraArgs?: readonly string[];
}

export interface DeployResult {
  readonly placement: Placement;
  /** The Deployment and the Service, validated against the Kubernetes API schemas. */
  readonly manifests: readonly Manifest[];
}

/**
 * Places the model on the cluster (see placeModel) and renders the chosen engine's Deployment and
 * Service. Throws PlacementRefusedError, with every class's reasons, when no class can run it.
 */
export async function deploy(switchyard: Switchyard, request: DeployRequest): Promise<DeployResult> {
  // Bad options are input errors: refuse them before judging the cluster.
  const options = checkOptions(request);
  const placement = await placeModel(switchyard, request);
  const verdict = placement.chosen;
  if (!verdict?.fit) {
    throw new PlacementRefusedError(
      placement,
      placement.classes.some((verdict) => verdict.shortfall),
    );
  }
  const backend = switchyard.registry.get(verdict.fit.engine) as Backend;
  const spec = refuseLocalFiles(placement.spec);
  const image = classImage(backend, verdict.nodeClass, request);
  if (!('image' in image)) throw new Error(`internal: ${backend.name} was chosen without an image`);
  const chosenImage = request.image === undefined ? image.image : { ...image.image, image: request.image };
  // The context the memory plan sized for this class (as core sizes a launch: engines that state a
  // memory profile), so vLLM does not try the model's full window on a small GPU.
  const sizedContext = backend.memory === undefined ? undefined : verdict.fit.memory.plan?.contextLength;
  const contextLength = request.contextLength ?? sizedContext;
  const sized = contextLength === undefined ? request : { ...request, contextLength };
  const plan = clusterPlan(backend, spec, verdict.fit.host, sized, options.apiKey !== undefined);
  const name = resourceName(request.name, plan.servedModelName);
  const deployment = engineDeployment({
    name,
    ...(options.namespace ? { namespace: options.namespace } : {}),
    replicas: options.replicas,
    verdict: { ...verdict, fit: verdict.fit },
    plan,
    image: chosenImage,
    env: {
      cacheEnv: ENGINE_IMAGES[backend.name]?.cacheEnv ?? { HF_HOME: 'huggingface' },
      ...(options.hfToken ? { hfToken: options.hfToken } : {}),
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    },
    ...(options.cachePvc ? { cachePvc: options.cachePvc } : {}),
  });
  const service = engineService(name, options.namespace, backend.name, plan.port, imageVersion(chosenImage.image));
  return { placement, manifests: [deployment, service].map(validateManifest) };
}

interface CheckedOptions {
  readonly replicas: number;
  readonly namespace?: string;
  readonly cachePvc?: string;
  readonly hfToken?: SecretRef;
  readonly apiKey?: SecretRef;
}

function checkOptions(request: DeployRequest): CheckedOptions {
  const replicas = request.replicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw new InvalidInputError(
      'deploy options',
      [{ field: 'replicas', message: `${replicas} is not a number of pods; use a whole number, 1 or more` }],
      'Set `replicas` to a whole number, 1 or more.',
    );
  }
  if (request.image !== undefined && !/^[^\s]+$/.test(request.image)) {
    throw new InvalidInputError(
      'deploy options',
      [
        {
          field: 'image',
          message: `"${request.image}" is not an image reference; write e.g. vllm/vllm-openai:v0.26.0`,
        },
      ],
      'Give `image` as a reference without spaces, e.g. vllm/vllm-openai:v0.26.0.',
    );
  }
  return {
    replicas,
    ...(request.namespace === undefined ? {} : { namespace: checkNamespace(request.namespace) }),
    ...(request.cachePvc === undefined ? {} : { cachePvc: checkObjectName('cachePvc', request.cachePvc) }),
    ...(request.hfTokenSecret === undefined
      ? {}
      : { hfToken: parseSecretRef('hfTokenSecret', request.hfTokenSecret, 'token') }),
    ...(request.apiKeySecret === undefined
      ? {}
      : { apiKey: parseSecretRef('apiKeySecret', request.apiKeySecret, 'api-key') }),
  };
}

/** A path on this machine means nothing inside a pod: the engine must download the model. */
function refuseLocalFiles(spec: ModelSpec): ModelSpec {
  if (spec.modelPath === undefined) return spec;
  throw new InvalidInputError(
    `model ${spec.modelName}`,
    [{ field: 'modelPath', message: `${spec.modelPath} is a path on this machine, which the pod does not have` }],
    'Describe the model by its Hugging Face repository (hubId) so that the engine downloads it into the model cache.',
  );
}

/**
 * The plan `launch` would make on one node of the class, listening on the pod's interfaces. An API
 * key is planned as a placeholder to learn where the engine reads it; the manifest references the
 * Secret there instead, and nothing else may carry it.
 */
function clusterPlan(
  backend: Backend,
  spec: ModelSpec,
  host: Parameters<typeof planLaunch>[2],
  request: DeployRequest,
  withApiKey: boolean,
): LaunchPlan {
  let plan: LaunchPlan | null;
  try {
    plan = planLaunch(backend, spec, host, {
      bind: '0.0.0.0',
      ...(request.port === undefined ? {} : { port: request.port }),
      ...(request.servedName === undefined ? {} : { servedName: request.servedName }),
      ...(request.contextLength === undefined ? {} : { contextLength: request.contextLength }),
      extraArgs: [...(request.extraArgs ?? [])],
      ...(withApiKey ? { apiKey: API_KEY_PLACEHOLDER } : {}),
    });
  } catch (error) {
    const keyProblem =
      withApiKey && error instanceof InvalidInputError ? error.problems.find((p) => p.field === 'apiKey') : undefined;
    if (!keyProblem) throw error;
    throw new InvalidInputError(
      'deploy options',
      [
        {
          field: 'apiKeySecret',
          message: `${displayNameOf(backend)} cannot take an API key from a Secret: ${keyProblem.message}`,
        },
      ],
      'Drop `apiKeySecret`, or put an authenticating gateway in front of the Service.',
    );
  }
  if (plan === null) {
    throw new InvalidInputError(
      'deploy request',
      [
        {
          field: 'engine',
          message: `${displayNameOf(backend)} starts its engine itself and shows no launch plan, so there is no command to put in a container`,
        },
      ],
      'Pick an engine that shows a launch plan with `engine`.',
    );
  }
  const inEnv = Object.entries(plan.env).filter(([, value]) => value === API_KEY_PLACEHOLDER);
  const leaks =
    JSON.stringify([plan.command, plan.args]).includes(API_KEY_PLACEHOLDER) ||
    inEnv.some(([name]) => !plan.secretEnv.includes(name)) ||
    (withApiKey && inEnv.length === 0);
  if (leaks) {
    throw new InvalidInputError(
      'deploy options',
      [
        {
          field: 'apiKeySecret',
          message: `${displayNameOf(backend)} would not read the API key from a secret environment variable, so it cannot come from a Secret`,
        },
      ],
      'Leave `apiKeySecret` out, or pick another engine with `engine`.',
    );
  }
  return plan;
}
