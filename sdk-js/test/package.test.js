// The package as published: what `npm pack` puts in it, the README's ten-line chat run as
// written against a real node, and the committed type declarations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, execFile } from 'node:child_process';
import { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startNode, next } from '../test-support/node.js';
import { MessengerClient } from '../src/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let node;
before(async () => { node = await startNode(); });
after(async () => { await node.stop(); });

test('npm pack holds the sources, the types and the README, nothing else', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
  const files = JSON.parse(out)[0].files.map((f) => f.path).sort();
  for (const f of ['README.md', 'package.json', 'src/index.js', 'src/client.js', 'types/index.d.ts', 'types/client.d.ts']) {
    assert.ok(files.includes(f), `${f} in the package`);
  }
  assert.deepEqual(files.filter((f) => f.startsWith('test/') || f.startsWith('node_modules/')), []);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.dependencies, undefined, 'no runtime dependencies');
});

test("the README's ten-line chat runs as written", async () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const code = /## A ten-line chat\s+```js\n([\s\S]*?)```/.exec(readme)[1];
  assert.ok(code.trim().split('\n').length <= 11, 'ten lines (and a blank one)');
  const alice = new MessengerClient(node.url);
  await alice.register('alice', 'alice-secret');
  const bob = new MessengerClient(node.url);
  await bob.register('bob', 'bob-secret-1');
  await bob.connect();
  const heard = next(bob, 'message', (m) => m.body === 'Hello Bob!', 30000);
  const runnable = code
    .replace("'@messenger/sdk'", `'${pathToFileURL(join(root, 'src/index.js')).href}'`)
    .replace('http://127.0.0.1:8080', node.url);
  const stdout = await new Promise((ok, fail) => {
    execFile(process.execPath, ['--experimental-websocket', '--no-warnings', '--input-type=module', '-e', runnable],
      { timeout: 60000 }, (err, out, errOut) => (err ? fail(new Error(`${err.message}\n${errOut}`)) : ok(out)));
  });
  const m = await heard;
  assert.equal(m.senderId, alice.session.userId);
  assert.match(stdout, new RegExp(`${alice.session.userId}: Hello Bob!`));
  assert.match(stdout, new RegExp(`stored in ${m.conversationId}`));
  bob.close();
});

test('every module has its committed declaration, current with the JSDoc when TypeScript is installed', () => {
  const modules = readdirSync(join(root, 'src')).filter((f) => f.endsWith('.js'));
  for (const f of modules) assert.ok(existsSync(join(root, 'types', f.replace(/\.js$/, '.d.ts'))), `types for ${f}`);
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    console.log('# TypeScript not installed (npm ci): declarations not regenerated');
    return;
  }
  const out = mkdtempSync(join(tmpdir(), 'sdk-types-'));
  try {
    execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json'), '--outDir', out], { cwd: root, encoding: 'utf8' });
    for (const f of readdirSync(out)) {
      assert.equal(readFileSync(join(root, 'types', f), 'utf8'), readFileSync(join(out, f), 'utf8'),
        `types/${f} is stale: run npm run types`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
