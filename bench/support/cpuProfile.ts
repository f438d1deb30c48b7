import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Starts the V8 CPU profiler of this process; stop() writes the .cpuprofile and returns a digest. */
export async function startCpuProfile(): Promise<{ stop(file: string): Promise<{ selfByFunction: [string, number][]; selfByPackage: [string, number][] }> }> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) => new Promise<T>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await post<{ profile: Profile }>('Profiler.stop');
      session.disconnect();
      writeFileSync(file, JSON.stringify(profile));
      // Self time per sample, attributed by the node's frame.
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const self = new Map<number, number>();
      (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000));
      const fn = new Map<string, number>();
      const pkg = new Map<string, number>();
      for (const [id, ms] of self) {
        const n = byId.get(id);
        if (!n) continue;
        const url = n.callFrame.url.replace(/^file:\/\//, '');
        const cwd = `${process.cwd()}/`;
        const short = url.replace(/^.*node_modules\//, 'nm:').replace(cwd, '');
        fn.set(`${n.callFrame.functionName || '(anon)'} ${short}:${n.callFrame.lineNumber + 1}`, (fn.get(`${n.callFrame.functionName || '(anon)'} ${short}:${n.callFrame.lineNumber + 1}`) ?? 0) + ms);
        const p = url.includes('node_modules/')
          ? (/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? 'node_modules')
          : url.startsWith('node:') || url === ''
            ? n.callFrame.functionName.startsWith('(')
              ? n.callFrame.functionName
              : 'node internals'
            : short.split('/').slice(0, 2).join('/');
        pkg.set(p, (pkg.get(p) ?? 0) + ms);
      }
      const top = (m: Map<string, number>, k: number) =>
        [...m.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, k)
          .map(([a, b]) => [a, Math.round(b)] as [string, number]);
      return { selfByFunction: top(fn, 25), selfByPackage: top(pkg, 20) };
    },
  };
}
