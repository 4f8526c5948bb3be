import { type Command, Option } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Flags that say what the model is. */
export function addModelOptions(command: Command): Command {
  return command
    .option('--format <format>', 'weight format: pytorch, gptq, awq, fp8, bnb, ggufv2, ggmlv3, mlx')
    .option('--quantization <name>', 'quantization, e.g. none, Int4, Q4_K_M, 4bit')
    .option('--size <billions>', 'size in billions of parameters, e.g. 7 or 1_5')
    .option('--family <family>', 'builtin family a custom model derives from (engines judge it by this)')
    .option('--spec-file <file>', 'read the model spec from a JSON file');
}

/** Flags that say where and with what it runs. */
export function addTargetOptions(command: Command): Command {
  return command
    .option('--engine <name>', 'use this engine; fails with the reasons when it cannot run the model')
    .option('--host-file <file>', 'plan for the host described in this JSON file instead of this machine')
    .option('--python <path>', 'Python interpreter to probe for Python engines (default: $SWITCHYARD_PYTHON, python3)')
    .addOption(new Option('--plugin <module>', 'load a third-party backend plugin (repeatable)').argParser(collect));
}
