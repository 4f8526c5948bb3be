/**
 * The reaper: a tiny Node program between the supervisor and one engine. Node cannot ask the kernel
 * to kill a child when its parent dies (PR_SET_PDEATHSIG), so the reaper does it: it starts the
 * engine in a process group of its own and stops that whole group when its stdin, a pipe from the
 * supervisor, closes, which happens however the parent dies, SIGKILL included.
 *
 * It runs as `node -e`, so it needs no file on disk and works from sources and builds alike. It is
 * plain CommonJS on purpose: no imports but Node's own, nothing to compile.
 *
 * A process that leaves the group (setsid, a daemon's double fork) would escape a group kill. On
 * Linux each engine process also carries SWITCHYARD_ENGINE_ID in the environment it started with,
 * which /proc shows whatever the process did since: the reaper signals and waits for those too.
 *
 * When the request names links, the engine runs in a private directory the reaper makes for it, holding
 * those symbolic links (relative name → target); the reaper removes it (the links, never their
 * targets) when it is done, so nothing of it outlives the engine either.
 *
 * Protocol. stdin: the first line is the request (JSON: command, args, env, stopSignal, graceMs, and
 * optionally links);
 * a later line `stop` stops the engine, and `kill` kills it at once. stdout: JSON lines `{event:
 * 'spawned', pid}`, `{event: 'error', code, message}` (the command could not start) and `{event:
 * 'exit', code, signal}` (the engine's main process ended). fds 3 and 4 become the engine's stdout and stderr. The reaper exits
 * with 0 once no process of the group is left; any other exit means it failed.
 */
export const REAPER_SCRIPT = String.raw`'use strict';
process.title = 'switchyard-reaper';
const { spawn } = require('node:child_process');
const { closeSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');

let request;
let pgid;
let stopping = false;
let engineExited = false;
let pending = '';
let workdir;
const engineId = process.pid + '.' + Date.now();
const TAG = 'SWITCHYARD_ENGINE_ID=' + engineId;

process.stdout.on('error', () => {});
const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
const finish = () => {
  if (workdir !== undefined) rmSync(workdir, { recursive: true, force: true });
  process.stdout.write('', () => process.exit(0));
};

/** The private directory holding the request's links, or undefined when it names none. */
function makeWorkdir(links) {
  if (links === undefined) return undefined;
  try {
    workdir = mkdtempSync(join(tmpdir(), 'switchyard-engine-'));
    for (const [name, target] of Object.entries(links)) {
      mkdirSync(dirname(join(workdir, name)), { recursive: true });
      symlinkSync(target, join(workdir, name));
    }
  } catch (error) {
    // Not the command's ENOENT: the engine was never tried.
    throw { code: 'WORKDIR', message: 'its working directory could not be made: ' + error.message };
  }
  return workdir;
}

/** State and process group of a live process, from /proc; undefined when it is gone. */
function procStat(pid) {
  try {
    const stat = readFileSync('/proc/' + pid + '/stat', 'utf8');
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, group: Number(group) };
  } catch {
    return undefined;
  }
}

// A process that is a zombie (pid 1 may never reap it) holds nothing and does not count.
function isLive(pid, inGroup) {
  const stat = procStat(pid);
  return stat !== undefined && stat.state !== 'Z' && (inGroup === undefined || (stat.group === pgid) === inGroup);
}

const pids = () => (process.platform === 'linux' ? readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)) : []);

/** Engine processes that left its group, found by the tag in the environment they started with. */
function escapees() {
  return pids().filter((pid) => {
    if (Number(pid) === process.pid) return false;
    try {
      return readFileSync('/proc/' + pid + '/environ', 'latin1').split('\0').includes(TAG) && isLive(pid, false);
    } catch {
      return false;
    }
  });
}

function signalAll(signal) {
  try {
    process.kill(-pgid, signal);
  } catch {}
  for (const pid of escapees()) {
    try {
      process.kill(Number(pid), signal);
    } catch {}
  }
}

let lastLive;
function anyLeft() {
  if (lastLive !== undefined && isLive(lastLive)) return true;
  let groupSignalled = true;
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    groupSignalled = error.code === 'EPERM';
  }
  if (process.platform !== 'linux') return groupSignalled;
  lastLive = (groupSignalled ? pids().find((pid) => isLive(pid, true)) : undefined) ?? escapees()[0];
  return lastLive !== undefined;
}

function stop() {
  if (stopping) return;
  stopping = true;
  if (pgid === undefined) return finish();
  signalAll(request.stopSignal);
  setTimeout(() => {
    signalAll('SIGKILL');
    // Processes stuck in the kernel die when they leave it; waiting longer achieves nothing.
    setTimeout(finish, 5000);
  }, request.graceMs);
  // The engine's own exit must be reported first; until then it is a zombie, which anyLeft skips.
  setInterval(() => {
    if (engineExited && !anyLeft()) finish();
  }, 25);
}

function fail(error) {
  send({ event: 'error', code: error.code ?? null, message: error.message });
  finish();
}

function start(next) {
  request = next;
  let child;
  try {
    const env = { ...request.env, SWITCHYARD_ENGINE_ID: engineId };
    const cwd = makeWorkdir(request.links);
    child = spawn(request.command, request.args, { env, cwd, stdio: ['ignore', 3, 4], detached: true });
  } catch (error) {
    return fail(error);
  } finally {
    // Only the engine may hold its output pipes, so they close exactly when its group is gone.
    closeSync(3);
    closeSync(4);
  }
  child.on('error', fail);
  child.on('exit', (code, signal) => {
    engineExited = true;
    send({ event: 'exit', code, signal });
    // What the engine forked must not outlive it.
    stop();
  });
  if (child.pid !== undefined) {
    pgid = child.pid;
    send({ event: 'spawned', pid: pgid });
  }
}

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n')) {
    const line = pending.slice(0, end);
    pending = pending.slice(end + 1);
    if (request === undefined) start(JSON.parse(line));
    else if (line === 'stop') stop();
    else if (line === 'kill') {
      stop();
      if (pgid !== undefined) signalAll('SIGKILL');
    }
  }
});
// The supervisor is gone, however it died: never leave the engine behind.
process.stdin.on('end', stop);
process.stdin.on('error', stop);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop);
`;
