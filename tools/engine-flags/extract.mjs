// Prints, one a line, every flag an engine's server command line accepts, read from that engine's
// own source. The backend packages keep the output as test fixtures (test/fixtures/*-flags.txt); the
// plan tests check that every flag a plan emits is on its engine's list. Usage, with the source
// files taken from a checkout at the commit the fixture's header names (`git show COMMIT:PATH > FILE`):
//
//   node tools/engine-flags/extract.mjs llama-server ARG_CPP            (llama.cpp common/arg.cpp)
//   node tools/engine-flags/extract.mjs mlx-lm SERVER_PY                (mlx-lm mlx_lm/server.py)
//   node tools/engine-flags/extract.mjs vllm ARG_UTILS_PY CLI_ARGS_PY CONFIG_PY...
//                      (vLLM vllm/engine/arg_utils.py, vllm/entrypoints/openai/cli_args.py, vllm/config/*.py)
//   node tools/engine-flags/extract.mjs sglang SERVER_ARGS_PY          (SGLang python/sglang/srt/server_args.py)
//   node tools/engine-flags/extract.mjs llama-cpp-python SETTINGS_PY MAIN_PY
//                                       (llama_cpp/server/settings.py and llama_cpp/server/__main__.py)
//
// How each engine turns its source into flags:
// - llama-server: every `add_opt(common_arg({...}, ...))` in common_params_parser_init whose examples
//   include LLAMA_EXAMPLE_SERVER or LLAMA_EXAMPLE_COMMON (every option inherits COMMON unless it
//   names examples) and whose excludes do not name the server; a second `{...}` list is the option's
//   negations; `set_preset_only()` options are read from preset files only, never from argv.
// - mlx-lm: `parser.add_argument("--x", ...)` in server.py, plus argparse's own -h/--help.
// - vllm: `vllm serve` is make_arg_parser in cli_args.py: its own add_argument calls, one
//   `--kebab-case` flag per FrontendArgs field, then EngineArgs.add_cli_args and
//   AsyncEngineArgs.add_cli_args in arg_utils.py. Options there spread `**<group>_kwargs["field"]`
//   from get_kwargs(<Config class>), which gives a field typed bool an argparse.BooleanOptionalAction,
//   so such a flag also takes `--no-x`; the field's type is read from its class in vllm/config.
//   Deprecated flags added in a loop over ("--x", type) pairs are counted too.
// - sglang: the same, over `ServerArgs.add_cli_args` in server_args.py (every option is spelled out
//   there); an option with `action=argparse.BooleanOptionalAction` also takes `--no-x`.
// - llama-cpp-python: llama_cpp/server/cli.py `add_args_from_model` adds `--<field name>` (snake_case,
//   as written) for every field of `Settings` (ServerSettings and ModelSettings in settings.py);
//   __main__.py adds `--config_file`; plus argparse's -h/--help.
// This reads the source as text and keeps none of it: only the flag spellings come out.
import { readFileSync } from 'node:fs';

const [engine, ...files] = process.argv.slice(2);
const read = (index) => {
  const file = files[index];
  if (!file) throw new Error(`${engine}: source file ${index + 1} is missing (see the usage at the top)`);
  return readFileSync(file, 'utf8');
};

const EXTRACTORS = {
  'llama-server': () => llamaServer(read(0)),
  'mlx-lm': () => argparseFlags(read(0)),
  'llama-cpp-python': () => llamaCppPython(read(0), read(1)),
  sglang: () => argparseFlags(read(0)),
  vllm: () => vllm(read(0), read(1), files.slice(2)),
};

/** C and C++ comments removed, string literals kept (a `//` inside a string stays). */
function stripCComments(source) {
  return source.replace(/"(?:\\.|[^"\\])*"|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m) => (m.startsWith('"') ? m : ''));
}

/** The text from `open` (an opening parenthesis) to its matching close, strings skipped. */
function balanced(source, open) {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '"') {
      i++;
      while (source[i] !== '"') i += source[i] === '\\' ? 2 : 1;
    } else if (c === "'") {
      i++;
      while (source[i] !== "'") i += source[i] === '\\' ? 2 : 1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return source.slice(open, i + 1);
  }
  throw new Error(`unbalanced parenthesis at ${open}`);
}

function stringsIn(text) {
  return [...text.matchAll(/"((?:\\.|[^"\\])*)"/g)].map((m) => m[1]);
}

function llamaServer(source) {
  const code = stripCComments(source);
  const flags = [];
  for (const match of code.matchAll(/add_opt\(\s*common_arg\(/g)) {
    const call = balanced(code, match.index + match[0].indexOf('('));
    const examples = /\.set_examples\(\{([^}]*)\}\)/.exec(call)?.[1] ?? 'LLAMA_EXAMPLE_COMMON';
    const excludes = /\.set_excludes\(\{([^}]*)\}\)/.exec(call)?.[1] ?? '';
    const names = examples.split(',').map((name) => name.trim());
    if (!names.includes('LLAMA_EXAMPLE_SERVER') && !names.includes('LLAMA_EXAMPLE_COMMON')) continue;
    if (excludes.split(',').some((name) => name.trim() === 'LLAMA_EXAMPLE_SERVER')) continue;
    if (call.includes('.set_preset_only()')) continue;
    // common_arg({args}, [{negations},] ...): the leading brace lists are the spellings.
    let rest = call.slice(call.indexOf('(', call.indexOf('common_arg')) + 1).trimStart();
    while (rest.startsWith('{')) {
      const end = rest.indexOf('}');
      flags.push(...stringsIn(rest.slice(0, end)));
      rest = rest.slice(end + 1).replace(/^\s*,\s*/, '');
    }
  }
  return flags.filter((flag) => flag.startsWith('-'));
}

/** Every option string of every `add_argument(...)` call, plus argparse's -h/--help. */
function argparseFlags(source) {
  const code = source.replace(/#[^\n]*/g, '');
  const flags = ['-h', '--help'];
  for (const match of code.matchAll(/\.add_argument\(/g)) {
    const call = balanced(code, match.index + match[0].length - 1);
    // The option strings are the leading positional string arguments.
    const names = [...call.slice(1).matchAll(/\s*(["'])(-[^"']*)\1\s*,?/gy)].map((m) => m[2]);
    flags.push(...names);
    if (/action\s*=\s*argparse\.BooleanOptionalAction/.test(call))
      flags.push(...names.filter((n) => n.startsWith('--')).map((n) => `--no-${n.slice(2)}`));
  }
  return flags;
}

function llamaCppPython(settings, main) {
  const classes = new Map();
  for (const m of settings.matchAll(/^class (\w+)\(([^)]*)\):\n([\s\S]*?)(?=^\S)/gm)) {
    const fields = [...m[3].matchAll(/^ {4}(\w+): /gm)].map((f) => f[1]);
    classes.set(m[1], {
      bases: m[2].split(',').map((b) => b.trim()),
      fields,
    });
  }
  const fieldsOf = (name) => {
    const cls = classes.get(name);
    return cls ? [...cls.bases.flatMap(fieldsOf), ...cls.fields] : [];
  };
  if (!classes.has('Settings')) throw new Error('llama-cpp-python: no Settings class in settings.py');
  return ['-h', '--help', ...fieldsOf('Settings').map((field) => `--${field}`), ...argparseFlags(main).slice(2)];
}

/** `name: annotation` for every field in the body of `class name`, the annotation's first line. */
function dataclassFields(source, className) {
  const start = new RegExp(`^class ${className}\\b[^\\n]*:\\n`, 'm').exec(source);
  if (!start) return undefined;
  const body = source.slice(start.index + start[0].length);
  const end = /^\S/m.exec(body);
  const fields = new Map();
  // Fields are snake_case; a docstring line such as `    Examples: ...` is not one.
  for (const m of body.slice(0, end ? end.index : undefined).matchAll(/^ {4}([a-z_]\w*): ([^\n]*)/gm))
    if (!fields.has(m[1])) fields.set(m[1], m[2]);
  return fields;
}

function isBool(annotation) {
  return /\bbool\b/.test(annotation);
}

function vllm(argUtils, cliArgs, configFiles) {
  const configs = configFiles.map((file) => readFileSync(file, 'utf8'));
  const fieldsOf = (className) => {
    for (const source of [...configs, argUtils, cliArgs]) {
      const fields = dataclassFields(source, className);
      if (fields) return fields;
    }
    throw new Error(`vllm: class ${className} is in none of the files given`);
  };
  const flags = ['-h', '--help'];
  const kebab = (name) => name.replaceAll('_', '-');
  for (const [name, annotation] of fieldsOf('FrontendArgs')) {
    flags.push(`--${kebab(name)}`);
    if (isBool(annotation)) flags.push(`--no-${kebab(name)}`);
  }
  const kwargsClass = new Map([...argUtils.matchAll(/(\w+_kwargs) = get_kwargs\((\w+)\)/g)].map((m) => [m[1], m[2]]));
  for (const source of [argUtils, cliArgs]) {
    const code = source.replace(/#[^\n]*/g, '');
    for (const match of code.matchAll(/\.add_argument\(/g)) {
      const call = balanced(code, match.index + match[0].length - 1);
      const names = [...call.slice(1).matchAll(/\s*(["'])(-[^"']*)\1\s*,?/gy)].map((m) => m[2]);
      flags.push(...names);
      const spread = /\*\*(\w+_kwargs)\["(\w+)"\]/.exec(call);
      const fromBool = spread && isBool(fieldsOf(kwargsClass.get(spread[1]) ?? '?').get(spread[2]) ?? '');
      const overridden = /\baction\s*=/.test(call) || /\btype\s*=/.test(call);
      if (/action\s*=\s*argparse\.BooleanOptionalAction/.test(call) || (fromBool && !overridden))
        flags.push(...names.filter((n) => n.startsWith('--')).map((n) => `--no-${n.slice(2)}`));
    }
    for (const m of code.matchAll(/\(\s*"(--[\w-]+)",\s*\w+\s*\)/g)) flags.push(m[1]);
  }
  return flags;
}

const extract = EXTRACTORS[engine];
if (!extract) {
  console.error(`usage: extract.mjs ${Object.keys(EXTRACTORS).join('|')} FILE...`);
  process.exit(2);
}
for (const flag of [...new Set(extract())].sort()) console.log(flag);
