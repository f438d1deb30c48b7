/**
 * Runs the bot together with the Microsoft 365 Agents Playground (a Teams-like web client).
 *
 *   npm run playground        then open the printed URL; Ctrl-C stops both
 *
 * Environment: PORT (bot, default 3978), PLAYGROUND_PORT (default 56150), DATA_DIR,
 * COORDINATORS (default: the Playground's user "Alex Wilber", so "ny aktivitet" works at once),
 * LOCALE_OVERRIDE (default sv: the Playground always sends en-US; `language english` in the chat switches one user).
 *
 * The bot runs in local anonymous mode (MicrosoftApp* variables are not passed on, and
 * NODE_ENV=production becomes development: the Playground sends no tokens). The Playground is started with scripts/loopback.js preloaded so
 * it listens on 127.0.0.1 only, and with its serviceUrl on 127.0.0.1 too.
 * startPlayground() is also what test/e2e uses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import readline from 'node:readline';

const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const PLAYGROUND_CLI = path.join(ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
const LOOPBACK = path.join(ROOT, 'scripts', 'loopback.js');

/** The Playground's default user, "Alex Wilber" (user-id-0), as its activities carry it in from.aadObjectId. */
export const PLAYGROUND_USER_AAD_OBJECT_ID = '00000000-0000-0000-0000-0000000000020';
export const DEFAULT_BOT_PORT = 3978;
export const DEFAULT_PLAYGROUND_PORT = 56150;

export type OutputSource = 'bot' | 'playground';

export interface PlaygroundOptions {
  /** 0 = any free port. Default: PORT or 3978. */
  botPort?: number;
  /** 0 = any free port. Default: PLAYGROUND_PORT or 56150. */
  playgroundPort?: number;
  /** The bot's DATA_DIR. Default: DATA_DIR or the bot's own default (.data). */
  dataDir?: string;
  /** aadObjectIds granted the coordinator role. Default: COORDINATORS or the Playground user. */
  coordinators?: string[];
  /** Extra environment for the bot; undefined values remove a variable. */
  botEnv?: Record<string, string | undefined>;
  /** Working directory of the Playground (it reads .m365agentsplayground.yml and writes devTools/ there). Default: project root. */
  playgroundCwd?: string;
  /** Where the Playground writes its log. Default: <playgroundCwd>/devTools/m365agentsplayground.log. */
  playgroundLogFile?: string;
  /** Turns on the Playground's events recording (every activity in and out) into this file. */
  recordingFile?: string;
  /** Every output line of both processes. Default: printed with a [bot]/[playground] prefix. */
  onOutput?: (source: OutputSource, line: string) => void;
  /** How long to wait for each process to come up. Default 90 s. */
  startTimeoutMs?: number;
}

export interface RunningPlayground {
  botUrl: string;
  playgroundUrl: string;
  botPid: number;
  playgroundPid: number;
  /** Resolves if either process ends on its own (not through stop()), with which one and how. */
  exited: Promise<string>;
  /** Stops the Playground, then the bot (SIGTERM, SIGKILL after a grace period); waits until both process groups are gone. Idempotent. */
  stop(): Promise<void>;
}

// Process groups still running, killed synchronously if this process exits without stop().
const live = new Set<number>();
let exitHookInstalled = false;
function track(pid: number): void {
  live.add(pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const p of live) signalGroup(p, 'SIGKILL');
    });
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: already gone
  }
}

function groupAlive(pid: number): boolean {
  return signalGroup(pid, 0);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Stops every process group this module started and has not stopped yet. */
async function stopTracked(): Promise<void> {
  await Promise.all([...live].map((pid) => stopGroup(pid)));
}

async function waitGroupGone(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (groupAlive(pid)) {
    if (Date.now() > until) return false;
    await sleep(50);
  }
  return true;
}

/** SIGTERM to the whole process group (tsx runs the bot in a grandchild), SIGKILL if it lingers. */
async function stopGroup(pid: number, graceMs = 8000): Promise<void> {
  if (!signalGroup(pid, 'SIGTERM')) {
    live.delete(pid);
    return;
  }
  if (!(await waitGroupGone(pid, graceMs))) {
    signalGroup(pid, 'SIGKILL');
    await waitGroupGone(pid, 5000);
  }
  live.delete(pid);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

interface Spawned {
  child: ChildProcess;
  /** Resolves (never rejects) when the process exits, with a description. */
  exited: Promise<string>;
  tail(): string;
}

function spawnTracked(source: OutputSource, cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }, onOutput: (s: OutputSource, l: string) => void): Spawned {
  // detached: own process group, so stop() reaches tsx's child too, and a Ctrl-C in the
  // terminal reaches only this script (which then stops both in order).
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start ${source}: ${cmd}`);
  track(child.pid);
  const lines: string[] = [];
  const take = (line: string) => {
    lines.push(line);
    if (lines.length > 200) lines.shift();
    onOutput(source, line);
  };
  for (const stream of [child.stdout, child.stderr]) if (stream) readline.createInterface({ input: stream }).on('line', take);
  const exited = new Promise<string>((resolve) => {
    child.once('error', (err) => resolve(`failed to start: ${err.message}`));
    child.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exited with code ${code}`));
  });
  return { child, exited, tail: () => lines.slice(-40).join('\n') };
}

/** Polls until check() is true; fails early if the process exits. */
async function waitFor(what: string, proc: Spawned, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  let exit: string | undefined;
  void proc.exited.then((e) => (exit = e));
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (exit) throw new Error(`${what}: the process ${exit} before it was ready. Last output:\n${proc.tail()}`);
    if (Date.now() > until) throw new Error(`${what}: not ready after ${timeoutMs} ms. Last output:\n${proc.tail()}`);
    await sleep(150);
  }
}

function defaultOutput(source: OutputSource, line: string): void {
  process.stdout.write(`[${source}] ${line}\n`);
}

function listFromEnv(v: string | undefined): string[] | undefined {
  const list = (v ?? '').split(/[,\s]+/).filter(Boolean);
  return list.length > 0 ? list : undefined;
}

function portFromEnv(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got "${v}"`);
  return n;
}

export async function startPlayground(options: PlaygroundOptions = {}): Promise<RunningPlayground> {
  const onOutput = options.onOutput ?? defaultOutput;
  const timeout = options.startTimeoutMs ?? 90_000;
  const coordinators = options.coordinators ?? listFromEnv(process.env.COORDINATORS) ?? [PLAYGROUND_USER_AAD_OBJECT_ID];
  for (const f of [TSX, PLAYGROUND_CLI]) if (!existsSync(f)) throw new Error(`${f} is missing; run npm install`);

  const botPort = (options.botPort ?? portFromEnv('PORT', DEFAULT_BOT_PORT)) || (await freePort());
  const pgPort = (options.playgroundPort ?? portFromEnv('PLAYGROUND_PORT', DEFAULT_PLAYGROUND_PORT)) || (await freePort());
  // The Playground would silently move to a random port, which would not match its serviceUrl.
  for (const [name, port] of [
    ['bot', botPort],
    ['playground', pgPort],
  ] as const) {
    if (!(await portFree(port))) throw new Error(`port ${port} (${name}) is already in use on 127.0.0.1; choose another (${name === 'bot' ? 'PORT' : 'PLAYGROUND_PORT'})`);
  }

  const botEnv: NodeJS.ProcessEnv = { ...process.env };
  // Local anonymous mode: the Playground sends no tokens, so app credentials would only make it fail with 401.
  for (const k of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId']) delete botEnv[k];
  if (botEnv.NODE_ENV === 'production') botEnv.NODE_ENV = 'development';
  // The Playground always sends locale en-US; the bot answers in Swedish unless LOCALE_OVERRIDE says otherwise
  // (honoured in local anonymous mode only). A user's own choice (`language english`) still wins.
  Object.assign(botEnv, { PORT: String(botPort), HOST: '127.0.0.1', COORDINATORS: coordinators.join(','), LOCALE_OVERRIDE: botEnv.LOCALE_OVERRIDE || 'sv' });
  if (options.dataDir) botEnv.DATA_DIR = options.dataDir;
  for (const [k, v] of Object.entries(options.botEnv ?? {})) {
    if (v === undefined) delete botEnv[k];
    else botEnv[k] = v;
  }

  const started: Spawned[] = [];
  const stopAll = async () => {
    // Playground first, so it does not log the bot going away.
    for (const p of [...started].reverse()) if (p.child.pid !== undefined) await stopGroup(p.child.pid);
  };

  try {
    const botUrl = `http://127.0.0.1:${botPort}`;
    const bot = spawnTracked('bot', TSX, [path.join(ROOT, 'src', 'main.ts')], { cwd: ROOT, env: botEnv }, onOutput);
    started.push(bot);
    await waitFor('bot', bot, () => httpOk(`${botUrl}/healthz`), timeout);

    const pgCwd = options.playgroundCwd ?? ROOT;
    const logFile = options.playgroundLogFile ?? path.join(pgCwd, 'devTools', 'm365agentsplayground.log');
    mkdirSync(path.dirname(logFile), { recursive: true });
    const pgEnv: NodeJS.ProcessEnv = {
      ...process.env,
      BOT_ENDPOINT: `${botUrl}/api/messages`,
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none', // print the URL, do not try to open a browser
    };
    const pgArgs = ['--require', LOOPBACK, PLAYGROUND_CLI, '-p', String(pgPort), '-c', 'msteams', '--service-url', `http://127.0.0.1:${pgPort}/_connector`, '--disable-telemetry'];
    if (options.recordingFile) {
      mkdirSync(path.dirname(options.recordingFile), { recursive: true });
      pgEnv.M365_AGENTS_PLAYGROUND_RECORDING_FILE = options.recordingFile;
      pgArgs.push('--enable-events-recording');
    }
    let listening: number | undefined;
    const pg = spawnTracked('playground', process.execPath, pgArgs, { cwd: pgCwd, env: pgEnv }, (s, line) => {
      const m = /^Listening on (\d+)/.exec(line);
      if (m) listening = Number(m[1]);
      onOutput(s, line);
    });
    started.push(pg);
    const playgroundUrl = `http://127.0.0.1:${pgPort}`;
    await waitFor('playground', pg, async () => listening !== undefined && (listening !== pgPort || httpOk(`${playgroundUrl}/`)), timeout);
    if (listening !== pgPort) throw new Error(`the playground listens on ${listening}, not on ${pgPort}`);

    let stopping: Promise<void> | undefined;
    const exited = new Promise<string>((resolve) => {
      for (const [name, p] of [
        ['bot', bot],
        ['playground', pg],
      ] as const) {
        void p.exited.then((how) => {
          if (!stopping) resolve(`the ${name} ${how}. Last output:\n${p.tail()}`);
        });
      }
    });
    return {
      botUrl,
      playgroundUrl,
      botPid: bot.child.pid as number,
      playgroundPid: pg.child.pid as number,
      exited,
      stop: () => (stopping ??= stopAll()),
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

async function main(): Promise<void> {
  let running: RunningPlayground | undefined;
  let signalled: string | undefined;
  const shutdown = (signal: string) => {
    if (signalled) return;
    signalled = signal;
    process.stdout.write(`\n${signal}: stopping the playground and the bot…\n`);
    // During start-up: end what is already running; main() stops the rest once startPlayground returns or fails.
    if (running) void running.stop().finally(() => process.exit(0));
    else void stopTracked();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  if (process.env.MicrosoftAppId) process.stdout.write('MicrosoftAppId is set but not used here: the Playground talks to the bot in local anonymous mode.\n');
  try {
    running = await startPlayground();
  } catch (err) {
    if (!signalled) throw err;
    await stopTracked();
    process.exit(0);
  }
  if (signalled) {
    await running.stop();
    process.exit(0);
  }
  const coordinators = listFromEnv(process.env.COORDINATORS) ?? [`${PLAYGROUND_USER_AAD_OBJECT_ID} (Alex Wilber)`];
  process.stdout.write(
    [
      '',
      `  Bot:          ${running.botUrl}/api/messages`,
      `  Coordinators: ${coordinators.join(', ')}`,
      `  Playground:   ${running.playgroundUrl}   <- open this in a browser`,
      '  Skriv "hjälp" eller "ny aktivitet" i chatten; "language english" byter till engelska. Ctrl-C stops both.',
      '',
    ].join('\n') + '\n',
  );
  const r = running;
  void r.exited.then(async (why) => {
    process.stderr.write(`playground: ${why}\n`);
    await r.stop();
    process.exit(1);
  });
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`playground: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
