import type { EngineInstall } from '@switchyard/core';
import { findExecutable } from './find-executable.js';
import { readModelRegistry } from './model-registry.js';
import type { ProbeContext, Probed } from './probe-context.js';
import { ProbeError } from './probe-error.js';
import { runTool } from './run-tool.js';

/** Python distributions, by the engine keys of HostInfo. */
export const PYTHON_ENGINES = ['vllm', 'sglang', 'transformers', 'torch', 'mlx-lm', 'llama-cpp-python'] as const;

const MARKER = 'SWITCHYARD_PYTHON_PROBE';
/** importlib.metadata, which the probe reads, came with 3.8; the engines need it or later. */
const MINIMUM_PYTHON = [3, 8] as const;

// Reads installed versions from package metadata: importing torch or vllm takes seconds. The
// distributions to look for come as a JSON list in argv (the engines' own plus plugins'). It also
// lists the console scripts each package installed (its RECORD names them), so that an engine
// started by its own command (`vllm serve`) is the install found here, not another one on PATH.
// Python before 3.10 does not normalise "-" and "_" in names, so both spellings are tried.
// It locates the folders of the modules whose model registries engines read (a top-level
// find_spec finds a package without running its __init__).
// Python parses all of the script before it runs any, so all of it is Python 2 syntax too: an
// interpreter too old for the engines must get as far as the version check, and say so.
const SCRIPT = `
import json, os, sys
answer = {"executable": sys.executable, "python": "%d.%d.%d" % tuple(sys.version_info[:3]), "packages": {}}
if sys.version_info < (${MINIMUM_PYTHON.join(', ')}):
    answer["tooOld"] = True
    print("${MARKER}" + json.dumps(answer))
    sys.exit(0)
from importlib.metadata import distribution
found, scripts = answer["packages"], {}
for name in json.loads(sys.argv[1]):
    for spelling in (name, name.replace("-", "_")):
        try:
            dist = distribution(spelling)
            found[name] = dist.version
        except Exception:
            continue
        try:
            commands = set(ep.name for ep in dist.entry_points if ep.group == "console_scripts")
            for file in dist.files or ():
                command = os.path.splitext(file.name)[0]
                if command in commands and file.parent.name in ("bin", "Scripts"):
                    scripts.setdefault(name, {})[command] = os.path.normpath(str(file.locate()))
        except Exception:
            pass
        break
answer["scripts"] = scripts
located = {}
try:
    import importlib.util
    for module in json.loads(sys.argv[2]):
        try:
            spec = importlib.util.find_spec(module)
            folders = list(spec.submodule_search_locations or []) if spec else []
            if folders:
                located[module] = folders[0]
        except Exception:
            pass
except Exception:
    pass
answer["modules"] = located
print("${MARKER}" + json.dumps(answer))
`;

export interface PythonReport {
  readonly executable: string;
  readonly python: string;
  readonly packages: Readonly<Record<string, string>>;
  /** Console scripts by package, then by command name; older probes' answers have none. */
  readonly scripts?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The folders of the modules asked for, by module name; older probes' answers have none. */
  readonly modules?: Readonly<Record<string, string>>;
  /** Set when the interpreter is older than the engines need; it then lists no packages. */
  readonly tooOld?: boolean;
}

/** The Python engines installed for the chosen interpreter; no engines when there is no Python. */
export async function probePython(context: ProbeContext): Promise<Probed<Record<string, EngineInstall>>> {
  const interpreter = chooseInterpreter(context);
  if (!interpreter) return { value: {}, summary: 'no python3 or python on PATH' };
  // Engine key → distribution: Switchyard's own engines are named after theirs, plugins' say theirs.
  const wanted = new Map<string, string>(PYTHON_ENGINES.map((name) => [name, name]));
  for (const runtime of context.runtimes)
    if ('pythonPackage' in runtime) wanted.set(runtime.name, runtime.pythonPackage);
  const packages = JSON.stringify([...new Set(wanted.values())]);
  const registries = context.runtimes.flatMap((runtime) =>
    'modelRegistry' in runtime && runtime.modelRegistry ? [{ name: runtime.name, source: runtime.modelRegistry }] : [],
  );
  const modules = JSON.stringify(registries.map((registry) => registry.source.module));
  const { stdout } = await runTool(interpreter, ['-c', SCRIPT, packages, modules], context);
  const report = parsePythonReport(stdout);
  if (report.tooOld) {
    throw new ProbeError(
      `Python ${report.python} at ${report.executable} is too old: the engines need Python ${MINIMUM_PYTHON.join('.')} or later`,
      'Pick another interpreter with --python (or SWITCHYARD_PYTHON).',
    );
  }
  const engines: Record<string, EngineInstall> = {};
  for (const [name, distribution] of wanted) {
    const version = report.packages[distribution];
    const scripts = report.scripts?.[distribution];
    if (version) engines[name] = { version, path: report.executable, ...(scripts ? { scripts } : {}) };
  }
  for (const { name, source } of registries) {
    const folder = report.modules?.[source.module];
    const install = engines[name];
    if (install === undefined || folder === undefined) continue;
    const architectures = await readModelRegistry(source, folder);
    if (architectures.length > 0) engines[name] = { ...install, architectures };
  }
  const installed = Object.entries(engines).map(
    ([name, install]) =>
      `${name} ${install.version}${install.architectures ? ` (${install.architectures.length} architectures in its registry)` : ''}`,
  );
  return {
    value: engines,
    summary: `Python ${report.python} at ${report.executable}: ${installed.join(', ') || 'no engine packages'}`,
  };
}

/** `--python`, else SWITCHYARD_PYTHON (either must exist), else python3 or python on PATH. */
function chooseInterpreter(context: ProbeContext): string | undefined {
  const [asked, source] = context.python
    ? [context.python, '--python']
    : context.env.SWITCHYARD_PYTHON
      ? [context.env.SWITCHYARD_PYTHON, 'SWITCHYARD_PYTHON']
      : [undefined, undefined];
  if (asked === undefined) {
    return findExecutable('python3', context.env, context.cwd) ?? findExecutable('python', context.env, context.cwd);
  }
  const found = findExecutable(asked, context.env, context.cwd);
  if (!found) {
    throw new ProbeError(
      `${source} names "${asked}", which is not an executable file`,
      `Point ${source} at a Python interpreter, e.g. /usr/bin/python3 or .venv/bin/python.`,
    );
  }
  return found;
}

/** Finds the probe's JSON line among whatever else the interpreter printed (sitecustomize, warnings). */
export function parsePythonReport(stdout: string): PythonReport {
  const line = stdout
    .split(/\r?\n/)
    .reverse()
    .find((candidate) => candidate.startsWith(MARKER));
  let report: unknown;
  try {
    report = line === undefined ? undefined : JSON.parse(line.slice(MARKER.length));
  } catch {
    report = undefined;
  }
  if (!isPythonReport(report)) {
    throw new ProbeError(
      `the interpreter did not print the probe's answer (it printed "${stdout.trim().slice(0, 80)}")`,
      'Check that it is a working Python 3 interpreter, or pick another with --python.',
    );
  }
  return report;
}

function isPythonReport(value: unknown): value is PythonReport {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as Record<string, unknown>;
  return (
    typeof report.executable === 'string' &&
    typeof report.python === 'string' &&
    isStringRecord(report.packages) &&
    (report.tooOld === undefined || typeof report.tooOld === 'boolean') &&
    (report.modules === undefined || isStringRecord(report.modules)) &&
    (report.scripts === undefined ||
      (isRecord(report.scripts) && Object.values(report.scripts).every((scripts) => isStringRecord(scripts))))
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((entry) => typeof entry === 'string');
}
