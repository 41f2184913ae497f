// Starts the demo MIS on 127.0.0.1: used by `npm run demo:serve`, `npm start`, the
// end-to-end tests and the benchmarks. The school comes from the generator unless one is passed in.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IsoDate } from '../../engine/types.ts';
import type { DemoSchool, SchoolSize } from '../types.ts';
import { misHandler, type MisExporters } from './mis-handler.ts';
import { misStore } from './mis-store.ts';

export interface DemoServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  size?: SchoolSize;
  seed?: number;
  today?: IsoDate;
  /** Serve this school instead of generating one (tests). */
  school?: DemoSchool;
  /** Replace the exporters (tests); by default demo/export/. */
  exporters?: MisExporters;
  /** Artificial API latency [min, max] in ms; default [50, 150]. */
  apiDelayMs?: readonly [number, number];
}

export interface DemoServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:5173/`. */
  url: string;
  school: DemoSchool;
  close(): Promise<void>;
}

/** The generator refused the options (e.g. a today outside its calendar): the caller's input is wrong. */
export class DemoOptionsError extends Error {
  override name = 'DemoOptionsError';
}

async function defaultSchool(opts: DemoServerOptions): Promise<DemoSchool> {
  const gen = await import('../generate/generate-school.ts');
  try {
    return gen.generateSchool({
      size: opts.size ?? 'primary',
      seed: opts.seed ?? gen.DEFAULT_SEED,
      today: opts.today ?? gen.DEFAULT_TODAY,
    });
  } catch (err) {
    throw new DemoOptionsError(err instanceof Error ? err.message : String(err), { cause: err });
  }
}

const defaultExporters: MisExporters = {
  async marksCsv(school) {
    const { schoolToMarksCsv } = await import('../export/marks-csv.ts');
    return schoolToMarksCsv(school);
  },
  async ctfXml(school) {
    const { schoolToCtfXml } = await import('../export/ctf-xml.ts');
    return schoolToCtfXml(school);
  },
};

export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const school = opts.school ?? (await defaultSchool(opts));
  const store = misStore(school);
  const server = createServer(
    misHandler({ store, school, exporters: opts.exporters ?? defaultExporters, apiDelayMs: opts.apiDelayMs ?? [50, 150] }),
  );
  // Idle keep-alive connections stay open for minutes, not Node's 5 s: a client in the same process
  // (the tests) that was busy for longer would otherwise reuse a connection the server is closing at
  // that moment, and its request fails (ECONNRESET), on a loaded machine only.
  server.keepAliveTimeout = 5 * 60_000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    school,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive connections from a browser would hold close() open.
        server.closeAllConnections();
      }),
  };
}
