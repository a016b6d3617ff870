#!/usr/bin/env node
// Syntax-check Mermaid diagrams offline with the project's own pinned mermaid.
//
// Usage:  node mermaid-check.mjs [PROJECT_DIR] < input.json > output.json
//
//   PROJECT_DIR  directory whose node_modules/ holds mermaid and jsdom
//                (default: the current working directory).
//   stdin        JSON array of {"key": string, "text": string}
//   stdout       JSON array of {"key": string, "ok": boolean, "error": string|null},
//                one per input item, in input order.
//
// Each text goes through mermaid.parse() (the same parser the browser uses;
// nothing is laid out or rendered) under a jsdom window, with
// securityLevel "strict". Exit status: 0 when the check ran (even if some
// diagrams are invalid); 2 for bad usage/input or a missing mermaid/jsdom.
// Nothing but the result JSON is ever written to stdout; diagnostics go to
// stderr.
//
// mermaid.parse costs roughly 0.2 ms per labelled node (mermaid deep-copies
// its whole config for each one), so big batches are spread over
// worker threads, one per CPU (at most 4), and identical texts are checked
// only once. MERMAID_CHECK_WORKERS=N overrides
// the count; 0 or 1 checks everything in this thread.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

// Below this many diagrams per worker, starting another worker (~1 s to load
// jsdom + mermaid) costs more than it saves.
const MIN_PER_WORKER = 100;
const MAX_WORKERS = 4;
const BATCH = 20;

// Anything mermaid (or its dependencies) logs must not corrupt the JSON on stdout.
for (const level of ['log', 'info', 'debug', 'warn', 'trace']) {
  console[level] = (...args) => console.error(...args);
}

function fail(message) {
  process.stderr.write(`mermaid-check: ${message}\n`);
  process.exit(2);
}

function locate(projectDirArg) {
  const projectDir = path.resolve(projectDirArg ?? process.cwd());
  const mermaidDir = path.join(projectDir, 'node_modules', 'mermaid');
  if (!existsSync(path.join(mermaidDir, 'package.json'))) {
    fail(`mermaid is not installed: ${mermaidDir} not found (run "npm ci" in ${projectDir})`);
  }
  return { projectDir, mermaidDir };
}

function mermaidEntryUrl(mermaidDir) {
  const pkg = JSON.parse(readFileSync(path.join(mermaidDir, 'package.json'), 'utf8'));
  const dot = pkg.exports?.['.'];
  const rel =
    (typeof dot === 'string' ? dot : (dot?.import ?? dot?.default)) ??
    pkg.module ??
    'dist/mermaid.core.mjs';
  return pathToFileURL(path.join(mermaidDir, rel)).href;
}

/** Set up a jsdom window, load mermaid, and return an async text -> error|null checker. */
async function createChecker({ projectDir, mermaidDir }) {
  // Resolve everything from PROJECT_DIR, never from wherever this script lives.
  const projectRequire = createRequire(path.join(projectDir, 'package.json'));
  let JSDOM;
  try {
    ({ JSDOM } = projectRequire('jsdom'));
  } catch (err) {
    fail(`jsdom is not installed in ${projectDir}/node_modules (run "npm ci"): ${err.message}`);
  }
  // mermaid, and DOMPurify which it sanitizes labels with, look for a browser
  // window/document when first imported: the globals must exist before the
  // dynamic import below.
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    pretendToBeVisual: true,
  });
  globalThis.window = dom.window;
  globalThis.document = dom.window.document;
  for (const name of ['Element', 'HTMLElement', 'SVGElement', 'Node', 'DOMParser', 'XMLSerializer']) {
    if (!(name in globalThis)) globalThis[name] = dom.window[name];
  }
  if (!('navigator' in globalThis)) globalThis.navigator = dom.window.navigator;

  let mermaid;
  try {
    ({ default: mermaid } = await import(mermaidEntryUrl(mermaidDir)));
  } catch (err) {
    fail(`cannot load mermaid from ${mermaidDir}: ${err?.stack ?? err}`);
  }
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', logLevel: 'fatal' });

  return async (text) => {
    if (typeof text !== 'string') return '"text" must be a string';
    if (text.trim() === '') return 'empty diagram';
    try {
      await mermaid.parse(text);
      return null;
    } catch (err) {
      return describe(err);
    }
  };
}

function describe(err) {
  if (err === null || err === undefined) return 'unknown error';
  const msg = typeof err === 'object' && 'message' in err ? String(err.message) : String(err);
  return msg.trim() || String(err?.name ?? 'error');
}

function readInput() {
  let items;
  try {
    items = JSON.parse(readFileSync(0, 'utf8'));
  } catch (err) {
    fail(`stdin is not valid JSON: ${err.message}`);
  }
  if (!Array.isArray(items)) fail('stdin must be a JSON array of {"key", "text"} objects');
  items.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || typeof item.key !== 'string') {
      fail(`item ${i} must be an object with a string "key"`);
    }
  });
  return items;
}

function workerCount(n) {
  const env = process.env.MERMAID_CHECK_WORKERS;
  if (env !== undefined && env !== '') {
    const forced = Number.parseInt(env, 10);
    if (!Number.isInteger(forced) || forced < 0) fail(`bad MERMAID_CHECK_WORKERS=${env}`);
    return Math.min(forced, n);
  }
  const cpus = os.availableParallelism?.() ?? os.cpus().length;
  return Math.max(1, Math.min(cpus, MAX_WORKERS, Math.floor(n / MIN_PER_WORKER)));
}

/** Check texts[i] on `count` worker threads that pull batches of indices. */
function checkInWorkers(texts, count, where) {
  return new Promise((resolve, reject) => {
    const errors = new Array(texts.length);
    let next = 0;
    let done = 0;
    let running = count;
    const feed = (worker) => {
      if (next >= texts.length) {
        worker.postMessage(null);
        return;
      }
      const start = next;
      next = Math.min(texts.length, next + BATCH);
      worker.postMessage({ start, texts: texts.slice(start, next) });
    };
    for (let w = 0; w < count; w++) {
      const worker = new Worker(fileURLToPath(import.meta.url), { workerData: where });
      worker.on('message', ({ start, errors: batch }) => {
        batch.forEach((e, i) => {
          errors[start + i] = e;
        });
        done += batch.length;
        feed(worker);
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (code !== 0) reject(new Error(`worker exited with code ${code}`));
        else if (--running === 0) {
          if (done === texts.length) resolve(errors);
          else reject(new Error(`workers checked ${done} of ${texts.length} diagrams`));
        }
      });
      worker.once('online', () => feed(worker));
    }
  });
}

async function workerMain() {
  const check = await createChecker(workerData);
  parentPort.on('message', async (msg) => {
    if (msg === null) {
      parentPort.close();
      return;
    }
    const errors = [];
    for (const text of msg.texts) errors.push(await check(text));
    parentPort.postMessage({ start: msg.start, errors });
  });
}

async function main() {
  const where = locate(process.argv[2]);
  const items = readInput();
  // Identical texts (common across versions of a handbook) are checked once.
  const slot = new Map();
  const texts = [];
  const slotOf = items.map((item) => {
    const key = typeof item.text === 'string' ? item.text : null;
    if (key !== null && slot.has(key)) return slot.get(key);
    texts.push(item.text);
    if (key !== null) slot.set(key, texts.length - 1);
    return texts.length - 1;
  });
  const count = workerCount(texts.length);
  let errors;
  if (texts.length === 0) {
    errors = [];
  } else if (count <= 1) {
    const check = await createChecker(where);
    errors = [];
    for (const text of texts) errors.push(await check(text));
  } else {
    try {
      errors = await checkInWorkers(texts, count, where);
    } catch (err) {
      fail(`worker failed: ${err?.stack ?? err}`);
    }
  }
  const results = items.map((item, i) => {
    const error = errors[slotOf[i]];
    return { key: item.key, ok: error === null, error };
  });
  process.stdout.write(JSON.stringify(results) + '\n');
}

if (isMainThread) await main();
else await workerMain();
