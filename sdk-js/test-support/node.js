// Test support: a real Messenger node (the server jar built by Maven) started on a free port
// with its own data directory, and logged-in SDK clients on it.

import './record.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessengerClient } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
export const JAR = process.env.MESSENGER_JAR || resolve(here, '../../server/target/messenger-server.jar');

let users = 0;

/** Starts `java -jar` on port 0 (or `port`) and waits for "listening on port N"; `extra`: more settings. */
function launch(dataDir, port, extra = []) {
  if (!existsSync(JAR)) throw new Error(`server jar missing: ${JAR} (run ./mvnw -B -q package -DskipTests)`);
  const args = ['-jar', JAR, `--port=${port}`, '--host=127.0.0.1', `--data-dir=${dataDir}`,
    '--argon2-memory-kib=1024', '--argon2-iterations=1', '--presence-grace=300ms',
    '--rate-sends=0', '--rate-frames=0', '--rate-logins-ip=0', '--rate-logins-user=0',
    '--rate-registrations-ip=0', '--max-devices-per-user=1000', '--max-connections-per-user=1000', ...extra];
  const proc = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`node did not start in 60 s:\n${out}`)), 60000);
    const onData = (chunk) => {
      out += chunk;
      const m = /listening on port (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        proc.stdout.off('data', onData);
        proc.stdout.resume();
        ok({ proc, port: Number(m[1]) });
      }
    };
    proc.stdout.setEncoding('utf8').on('data', onData);
    proc.stderr.setEncoding('utf8').on('data', (c) => { out += c; });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`node exited with ${code}:\n${out}`));
    });
  });
}

async function halt(proc) {
  if (proc.exitCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  const t = setTimeout(() => proc.kill('SIGKILL'), 15000);
  await exited;
  clearTimeout(t);
}

/**
 * A running node: `url`, `dataDir`, `stop()`, `restart()` (same port and data, e.g. to test
 * reconnects), `user(prefix)` (a registered, logged-in, not yet connected client).
 * `args`: more settings (`--name=value`); a function gets the data directory first (to write
 * files the settings name into it).
 */
export async function startNode(args = []) {
  const dataDir = mkdtempSync(join(tmpdir(), 'messenger-sdk-'));
  const extra = typeof args === 'function' ? args(dataDir) : args;
  let { proc, port } = await launch(dataDir, 0, extra);
  const clients = [];
  const node = {
    port,
    dataDir,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      for (const c of clients) c.close();
      await halt(proc);
      rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      await halt(proc);
    },
    async start() {
      ({ proc } = await launch(dataDir, port, extra));
    },
    /** A new account logged in on a client (not connected). */
    async user(prefix = 'u', options = {}) {
      users += 1;
      const username = `${prefix}_${process.pid % 10000}_${users}`.toLowerCase();
      const c = new MessengerClient(node.url, options);
      await c.register(username, 'password-123', prefix);
      c.username = username;
      clients.push(c);
      return c;
    },
    /** Another device of the same user. */
    async device(of, options = {}) {
      const c = new MessengerClient(node.url, options);
      await c.login(of.username, 'password-123');
      clients.push(c);
      return c;
    },
  };
  return node;
}

/** Resolves with the first event of `type` that passes `test` (within 10 s). */
export function next(client, type, test = () => true, ms = 10000) {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => { off(); fail(new Error(`no ${type} event in ${ms} ms`)); }, ms);
    const off = client.on(type, (e) => {
      if (!test(e)) return;
      clearTimeout(timer);
      off();
      ok(e);
    });
  });
}

/** Collects every `message` event of a client. */
export function record(client) {
  const seen = [];
  client.on('message', (m) => seen.push(m));
  return seen;
}

/** Waits until `fn()` is truthy (polling every 20 ms, 10 s at most). */
export async function until(fn, what = 'condition', ms = 10000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
