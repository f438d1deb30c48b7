import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { CONFIG_KEYS } from '../../src/config';

const ROOT = path.resolve(__dirname, '..', '..');

/** `node --import tsx src/main.ts`: one process, so a signal reaches the bot itself. */
const IMPORT_TSX = ['--import', 'tsx', 'src/main.ts'];
/** tsx's own launcher in front of the bot, as `npm start` runs it: signals are forwarded. */
export const TSX_CLI = [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/main.ts'];

export interface BotProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>` — the port the process chose itself. */
  readonly url: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything written to stdout so far (pino's JSON lines). */
  stdout(): string;
  stderr(): string;
  alive(): boolean;
  /** SIGKILL to the process and anything it started; resolves when it has ended. */
  kill(): Promise<void>;
}

export interface BotProcessOptions {
  /** Settings for this process; other Träffpunkt settings from the test's own environment are removed. */
  env: Record<string, string>;
  args?: readonly string[];
  startTimeoutMs?: number;
}

/**
 * Starts the bot as its own process on a port it picks itself (PORT=0) and resolves once it
 * listens, with the address it logged. Choosing a free port here and handing it over would race
 * with every other socket the parallel test files open.
 */
export async function startBotProcess(opts: BotProcessOptions): Promise<BotProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of CONFIG_KEYS) delete env[key];
  // The listening line is logged at info; a quieter level would hide the address.
  Object.assign(env, { NODE_ENV: 'test', ...opts.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
  const child = spawn(process.execPath, [...(opts.args ?? IMPORT_TSX)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const alive = () => child.exitCode === null && child.signalCode === null;
  // Its own process group: tsx's launcher runs the bot as a grandchild, and a kill must reach both.
  const killGroup = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };

  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail('did not start in time'), opts.startTimeoutMs ?? 60_000);
    let settled = false;
    function fail(why: string) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      killGroup();
      reject(new Error(`the bot process ${why}\n${err.slice(-2000)}`));
    }
    child.once('exit', (code) => fail(`ended with ${code} before it listened`));
    lines.on('line', (line) => {
      out += `${line}\n`;
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (!settled && entry.msg === 'Träffpunkt listening' && entry.url) {
          settled = true;
          clearTimeout(timer);
          resolve(entry.url);
        }
      } catch {
        // not a log line
      }
    });
  });
  return {
    child,
    url,
    exited,
    stdout: () => out,
    stderr: () => err,
    alive,
    kill: async () => {
      killGroup();
      await exited;
      child.stdout?.destroy();
      child.stderr?.destroy();
    },
  };
}
