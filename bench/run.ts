/**
 * Runs every benchmark in bench/ (each *.ts file here, other than this one, that exports
 * `benchmark`), one after the other, and prints their results. Never part of jest (jest only
 * looks under test/). Optional arguments pick benchmarks by name.
 *
 *   npm run bench                 # all
 *   npx tsx bench/run.ts registration-burst
 *
 * The process always ends: a watchdog stops it after BENCH_TIMEOUT_MS (default 5 min),
 * and it exits explicitly once the benchmarks have closed what they opened.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Benchmark } from './support/types';

const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 5 * 60_000);

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'run.ts')
    .sort();
  const benchmarks: Benchmark[] = [];
  for (const f of files) {
    const mod = (await import(path.join(__dirname, f))) as { benchmark?: Benchmark };
    if (mod.benchmark && (wanted.length === 0 || wanted.includes(mod.benchmark.name))) benchmarks.push(mod.benchmark);
  }
  if (benchmarks.length === 0) {
    console.error(`no benchmark matched ${wanted.join(', ') || '(any)'} in ${__dirname}`);
    return 2;
  }
  const rows: string[] = [];
  let failed = false;
  for (const b of benchmarks) {
    console.log(`\n=== ${b.name}: ${b.description}`);
    const t0 = performance.now();
    try {
      const r = await b.run();
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      rows.push(`${b.name}: goals ${r.goalsMet ? 'met' : 'NOT met'} (${secs} s)${r.resultFile ? ` → ${path.relative(process.cwd(), r.resultFile)}` : ''}`);
    } catch (err) {
      failed = true;
      console.error(err);
      rows.push(`${b.name}: FAILED (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  console.log(`\n=== summary\n${rows.join('\n')}`);
  return failed ? 1 : 0;
}

const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${TIMEOUT_MS} ms; stopping`);
  process.exit(3);
}, TIMEOUT_MS);

main().then(
  (code) => {
    clearTimeout(watchdog);
    process.exit(code);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
