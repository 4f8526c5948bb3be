import { type Command, Option } from 'commander';
import { bindAddress, collect, gpuList, text, wholeNumber } from './flag-values.js';
import { API_KEY_ENV } from './inputs/api-key.js';

/** Flags that say what the model is. */
export function addModelOptions(command: Command): Command {
  return command
    .option('--format <format>', 'weight format: pytorch, gptq, awq, fp8, bnb, ggufv2 (gguf), ggmlv3, mlx', text)
    .option('--quantization <name>', 'quantization, e.g. none, Int4, Q4_K_M, 4bit', text)
    .option('--size <billions>', 'size in billions of parameters, e.g. 7 or 1_5', text)
    .option('--family <family>', 'builtin family a custom model derives from (engines judge it by this)', text)
    .option('--spec-file <file>', 'read the model spec from a JSON file (see the README for its fields)', text)
    .addOption(modelFileOption());
}

/** `--model-file`: custom models (name, builtin family, specs) added to the catalog for this run. */
export function modelFileOption(): Option {
  return new Option(
    '--model-file <file>',
    'JSON file of custom models (name, family, specs) to add to the catalog',
  ).argParser(text);
}

/** Flags that say where and with what it runs. */
export function addTargetOptions(command: Command): Command {
  return command
    .option('--engine <name>', 'use this engine; fails with the reasons when it cannot run the model', text)
    .addOption(hostFileOption())
    .addOption(pythonOption())
    .option('--offline', 'use only the Hugging Face cache, never the network (as HF_HUB_OFFLINE=1)')
    .addOption(pluginOption())
    .addOption(configOption());
}

/** `--host-file`: plan for another machine (select, plan, engines; launch runs only here). */
export function hostFileOption(): Option {
  return new Option(
    '--host-file <file>',
    'plan for the host described in this JSON file instead of this machine',
  ).argParser(text);
}

/** `--python`: the interpreter of Python engines. */
export function pythonOption(): Option {
  return new Option(
    '--python <path>',
    'Python interpreter for Python engines (default: $SWITCHYARD_PYTHON, python3)',
  ).argParser(text);
}

/** `--plugin`: a third-party backend plugin module, besides those of switchyard.config.json. */
export function pluginOption(): Option {
  return new Option('--plugin <module>', 'load a third-party backend plugin (repeatable)').argParser(collect);
}

/** `--config`: the config file (plugins, engine preferences) to read instead of ./switchyard.config.json. */
export function configOption(): Option {
  return new Option(
    '--config <file>',
    'read plugins and engine preferences from this file (default: ./switchyard.config.json)',
  ).argParser(text);
}

/** Flags that say how to start the engine; engine arguments go after `--`. */
export function addLaunchOptions(command: Command): Command {
  return command
    .option('--bind <addr>', 'address the engine listens on', bindAddress, '127.0.0.1')
    .option('--port <n>', 'port (default: a free port; plan shows the engine default)', wholeNumber(1, 65535))
    .addOption(gpusOption())
    .option(
      '--tensor-parallel <n>',
      'tensor-parallel degree; must divide the attention heads (default: the GPU count the memory plan picks)',
      wholeNumber(1, 1024),
    )
    .option(
      '--context-length <n>',
      "context length in tokens, refused when it does not fit (default: the model's maximum, or the most that fits)",
      wholeNumber(1, 100_000_000, ' tokens'),
    )
    .option('--served-name <name>', 'model id clients send in requests (default: the model name)', text)
    .option('--api-key-file <file>', `read the API key clients must send from this file (or set $${API_KEY_ENV})`, text)
    .option(
      '--api-key <key>',
      `the API key itself: other users can read it on the command line; prefer $${API_KEY_ENV}`,
    )
    .option('--runtime <name>', 'pin one of the engine runtimes, e.g. llama-server or node-llama-cpp', text);
}

/** `--gpus`: the GPUs to use (plan, launch) or to size a catalog model for (select). */
export function gpusOption(description = 'CUDA devices to use, e.g. 0,1 (sets CUDA_VISIBLE_DEVICES)'): Option {
  return new Option('--gpus <list>', description).argParser(gpuList);
}
