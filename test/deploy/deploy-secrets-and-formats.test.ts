import { InvalidInputError } from '@switchyard/core';
import { deploy, renderManifests } from '@switchyard/deploy';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { GKE, nodesOf, switchyard, validated } from './cluster-support.js';

const LLAMA_8B = { model: 'llama-3.1-instruct', format: 'pytorch', size: 8 } as const;

describe('secrets in deploy manifests', () => {
  it('reaches the engine only as secretKeyRefs, in every output format', async () => {
    const result = await deploy(switchyard(), {
      ...LLAMA_8B,
      nodes: nodesOf(GKE),
      hfTokenSecret: 'hf-token',
      apiKeySecret: 'llm-api:client-key',
    });
    const { container } = validated(result);
    expect(container.env).toEqual(
      expect.arrayContaining([
        { name: 'VLLM_API_KEY', valueFrom: { secretKeyRef: { name: 'llm-api', key: 'client-key' } } },
        { name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf-token', key: 'token' } } },
      ]),
    );
    const literal = (container.env ?? []).filter((variable) => variable.value !== undefined).map((v) => v.name);
    expect(literal).toEqual(['HF_HOME']);
    for (const output of [renderManifests(result.manifests, 'yaml'), renderManifests(result.manifests, 'json')]) {
      // The placeholder deploy plans the key with never leaves, and no argument carries a key.
      expect(output).not.toContain('switchyard-api-key-from-secret');
      expect(output).not.toMatch(/--api-key/);
    }
  });

  it('refuses an API key Secret for an engine that reads keys only from its command line', async () => {
    const refused = await deploy(switchyard(), {
      ...LLAMA_8B,
      engine: 'sglang',
      nodes: nodesOf(GKE),
      apiKeySecret: 'llm-api',
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect((refused as InvalidInputError).problems).toEqual([
      { field: 'apiKeySecret', message: expect.stringMatching(/^SGLang cannot take an API key from a Secret/) },
    ]);
  });

  it.each([
    ['hfTokenSecret', { hfTokenSecret: 'HF_Token' }],
    ['apiKeySecret', { apiKeySecret: 'keys:bad key' }],
    ['cachePvc', { cachePvc: 'my cache' }],
    ['name', { name: '1llama' }],
  ])('names %s when its Kubernetes name is invalid', async (field, options) => {
    const refused = await deploy(switchyard(), { ...LLAMA_8B, nodes: nodesOf(GKE), ...options }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect((refused as InvalidInputError).problems[0]?.field).toBe(field);
  });
});

describe('manifest formats', () => {
  it('writes YAML documents and a JSON v1 List holding the same manifests', async () => {
    const result = await deploy(switchyard(), {
      ...LLAMA_8B,
      nodes: nodesOf(GKE),
      replicas: 3,
      namespace: 'inference',
      cachePvc: 'model-cache',
    });
    const { deployment } = validated(result);
    expect(deployment.spec?.replicas).toBe(3);
    expect(deployment.spec?.template.spec?.volumes?.[0]).toEqual({
      name: 'model-cache',
      persistentVolumeClaim: { claimName: 'model-cache' },
    });
    const documents = parseAllDocuments(renderManifests(result.manifests, 'yaml'));
    expect(Array.isArray(documents) && documents.map((document) => document.toJS())).toEqual(result.manifests);
    const list = JSON.parse(renderManifests(result.manifests, 'json'));
    expect(list).toEqual({ apiVersion: 'v1', kind: 'List', items: result.manifests });
    for (const manifest of result.manifests) expect(manifest.metadata?.namespace).toBe('inference');
  });
});
