// Command-line arguments of `npm run demo:serve`:
//   --port PORT [--size primary|secondary|large] [--seed N] [--today YYYY-MM-DD]
// Seed and today default to the generator's DEFAULT_SEED / DEFAULT_TODAY (filled in by startDemoServer).
import type { IsoDate } from '../../engine/types.ts';
import type { SchoolSize } from '../types.ts';
import { epochDayOf } from './dates.ts';

export interface ServeArgs {
  port: number;
  size: SchoolSize;
  seed?: number;
  today?: IsoDate;
}

export class ServeArgsError extends Error {
  override name = 'ServeArgsError';
}

export const SERVE_USAGE =
  'usage: npm run --silent demo:serve -- --port PORT [--size primary|secondary|large] [--seed N] [--today YYYY-MM-DD]';

const SIZES: readonly SchoolSize[] = ['primary', 'secondary', 'large'];

export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const out: ServeArgs = { port: 0, size: 'primary' };
  let sawPort = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined;
    if (arg.startsWith('--') && eq > 0) value = arg.slice(eq + 1);
    else if (['--port', '--size', '--seed', '--today'].includes(arg)) {
      value = argv[++i];
      if (value === undefined) throw new ServeArgsError(`${arg} needs a value`);
    }
    switch (name) {
      case '--port': {
        const port = Number(value);
        if (!/^\d+$/.test(value ?? '') || port > 65535) throw new ServeArgsError(`--port: "${value}" is not a port number (0–65535; 0 picks a free port)`);
        out.port = port;
        sawPort = true;
        break;
      }
      case '--size':
        if (!SIZES.includes(value as SchoolSize)) throw new ServeArgsError(`--size: "${value}" is not one of ${SIZES.join(', ')}`);
        out.size = value as SchoolSize;
        break;
      case '--seed':
        if (!/^-?\d+$/.test(value ?? '') || !Number.isSafeInteger(Number(value))) throw new ServeArgsError(`--seed: "${value}" is not an integer`);
        out.seed = Number(value);
        break;
      case '--today':
        if (epochDayOf(value ?? '') === null) throw new ServeArgsError(`--today: "${value}" is not a date in the form YYYY-MM-DD`);
        out.today = value;
        break;
      default:
        throw new ServeArgsError(`unknown argument "${arg}"`);
    }
  }
  if (!sawPort) throw new ServeArgsError('--port is required (use --port 0 for a free port)');
  return out;
}
