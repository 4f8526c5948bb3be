/**
 * The reaper: a tiny Node program between the supervisor and one engine. Node cannot ask the kernel
 * to kill a child when its parent dies (PR_SET_PDEATHSIG), so the reaper does it: it starts the
 * engine in a process group of its own and stops that whole group when its stdin, a pipe from the
 * supervisor, closes, which happens however the parent dies, SIGKILL included.
 *
 * It runs as `node -e`, so it needs no file on disk and works from sources and builds alike. It is
 * plain CommonJS on purpose: no imports but Node's own, nothing to compile.
 *
 * Protocol. stdin: the first line is the request (JSON: command, args, env, stopSignal, graceMs);
 * a later line `stop` stops the engine. stdout: JSON lines `{event: 'spawned', pid}`, `{event:
 * 'error', code, message}` (the command could not start) and `{event: 'exit', code, signal}` (the
 * engine's main process ended). fds 3 and 4 become the engine's stdout and stderr. The reaper exits
 * with 0 once no process of the group is left; any other exit means it failed.
 */
export const REAPER_SCRIPT = String.raw`'use strict';
process.title = 'switchyard-reaper';
const { spawn } = require('node:child_process');
const { closeSync, readdirSync, readFileSync } = require('node:fs');

let request;
let pgid;
let stopping = false;
let engineExited = false;
let pending = '';

process.stdout.on('error', () => {});
const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
const finish = () => process.stdout.write('', () => process.exit(0));

function signalGroup(signal) {
  try {
    process.kill(-pgid, signal);
  } catch {}
}

function isLiveMember(pid) {
  try {
    const stat = readFileSync('/proc/' + pid + '/stat', 'utf8');
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(group) === pgid && state !== 'Z';
  } catch {
    return false;
  }
}

// A member that is a zombie (pid 1 may never reap it) holds nothing and does not count.
let lastLiveMember;
function groupAlive() {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return error.code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  if (lastLiveMember !== undefined && isLiveMember(lastLiveMember)) return true;
  lastLiveMember = readdirSync('/proc').find((entry) => /^\d+$/.test(entry) && isLiveMember(entry));
  return lastLiveMember !== undefined;
}

function stop() {
  if (stopping) return;
  stopping = true;
  if (pgid === undefined) return finish();
  signalGroup(request.stopSignal);
  setTimeout(() => {
    signalGroup('SIGKILL');
    // Processes stuck in the kernel die when they leave it; waiting longer achieves nothing.
    setTimeout(finish, 5000);
  }, request.graceMs);
  // The engine's own exit must be reported first; until then it is a zombie, which groupAlive skips.
  setInterval(() => {
    if (engineExited && !groupAlive()) finish();
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
    child = spawn(request.command, request.args, { env: request.env, stdio: ['ignore', 3, 4], detached: true });
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
  }
});
// The supervisor is gone, however it died: never leave the engine behind.
process.stdin.on('end', stop);
process.stdin.on('error', stop);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop);
`;
