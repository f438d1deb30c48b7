/**
 * test/support/flows.ts imports `expect` from '@jest/globals', which throws when loaded
 * outside Jest. The benchmarks reuse those flows, so before loading them this puts a tiny
 * stand-in for '@jest/globals' into the CommonJS module cache. It implements only the
 * matchers the flows use and fails loudly on anything else, so a flow that expects more
 * never passes silently.
 */
import { Module } from 'node:module';

function describe(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 200) ?? String(v);
  } catch {
    return String(v);
  }
}

function expect(actual: unknown) {
  const matchers: Record<string, (...args: unknown[]) => void> = {
    toBeDefined: () => {
      if (actual === undefined) throw new Error('expected a defined value');
    },
    toBe: (expected) => {
      if (!Object.is(actual, expected)) throw new Error(`expected ${describe(expected)}, got ${describe(actual)}`);
    },
    toBeTruthy: () => {
      if (!actual) throw new Error(`expected a truthy value, got ${describe(actual)}`);
    },
  };
  return new Proxy(matchers, {
    get(target, prop) {
      if (typeof prop === 'string' && prop in target) return target[prop];
      throw new Error(`bench jest shim: expect().${String(prop)} is not implemented`);
    },
  });
}

let installed = false;

export function installJestGlobalsShim(): void {
  if (installed) return;
  const id = require.resolve('@jest/globals');
  const mod = new Module(id);
  mod.filename = id;
  mod.loaded = true;
  mod.exports = { expect };
  require.cache[id] = mod;
  installed = true;
}
