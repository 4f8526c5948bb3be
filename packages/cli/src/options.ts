import { type Command, InvalidArgumentError, Option } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number, got "${value}".`);
  return Number(value);
}

function gpuList(value: string): number[] {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^\d+$/.test(part))) {
    throw new InvalidArgumentError(`expected GPU indices separated by commas, e.g. 0,1; got "${value}".`);
  }
  return parts.map(Number);
}

/** Flags that say what the model is. */
export function addModelOptions(command: Command): Command {
  return command
    .option('--format <format>', 'weight format: pytorch, gptq, awq, fp8, bnb, ggufv2, ggmlv3, mlx')
    .option('--quantization <name>', 'quantization, e.g. none, Int4, Q4_K_M, 4bit')
    .option('--size <billions>', 'size in billions of parameters, e.g. 7 or 1_5')
    .option('--family <family>', 'builtin family a custom model derives from (engines judge it by this)')
    .option('--spec-file <file>', 'read the model spec from a JSON file')
    .addOption(modelFileOption());
}

/** `--model-file`: custom models (name, builtin family, specs) added to the catalog for this run. */
export function modelFileOption(): Option {
  return new Option('--model-file <file>', 'JSON file of custom models (name, family, specs) to add to the catalog');
}

/** Flags that say where and with what it runs. */
export function addTargetOptions(command: Command): Command {
  return command
    .option('--engine <name>', 'use this engine; fails with the reasons when it cannot run the model')
    .option('--host-file <file>', 'plan for the host described in this JSON file instead of this machine')
    .option('--python <path>', 'Python interpreter for Python engines (default: $SWITCHYARD_PYTHON, python3)')
    .addOption(pluginOption());
}

/** `--plugin`: a third-party backend plugin module, besides those of switchyard.config.json. */
export function pluginOption(): Option {
  return new Option('--plugin <module>', 'load a third-party backend plugin (repeatable)').argParser(collect);
}

/** Flags that say how to start the engine; engine arguments go after `--`. */
export function addLaunchOptions(command: Command): Command {
  return command
    .option('--bind <addr>', 'address the engine listens on', '127.0.0.1')
    .option('--port <n>', 'port (default: the engine default for plan, a free port for launch)', wholeNumber)
    .option('--gpus <list>', 'CUDA devices to use, e.g. 0,1 (sets CUDA_VISIBLE_DEVICES)', gpuList)
    .option(
      '--tensor-parallel <n>',
      'tensor-parallel degree (default: every GPU the engine sees: those of --gpus, else all)',
      wholeNumber,
    )
    .option('--context-length <n>', 'context length in tokens', wholeNumber)
    .option('--served-name <name>', 'model id clients send in requests (default: the model name)')
    .option('--api-key <key>', 'API key clients must send; passed via the environment where the engine reads one')
    .option('--runtime <name>', 'pin one of the engine runtimes, e.g. llama-server or node-llama-cpp');
}
