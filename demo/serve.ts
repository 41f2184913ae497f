// `npm run --silent demo:serve -- --port PORT [--size …] [--seed N] [--today YYYY-MM-DD]`:
// serves the demo MIS alone until stopped. The first line of stdout is the base URL; nothing else is
// printed unless something goes wrong. Bad arguments: a clear message on stderr and exit code 2.
import { parseServeArgs, SERVE_USAGE, ServeArgsError } from './server/parse-serve-args.ts';
import { DemoOptionsError, startDemoServer } from './server/start-demo-server.ts';

async function main(): Promise<void> {
  let args;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof ServeArgsError) {
      process.stderr.write(`demo:serve: ${err.message}\n${SERVE_USAGE}\n`);
      process.exit(2);
    }
    throw err;
  }
  let server;
  try {
    server = await startDemoServer(args);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (err instanceof DemoOptionsError) {
      process.stderr.write(`demo:serve: cannot generate the school: ${err.message}\n`);
      process.exit(2);
    }
    if (e.code === 'EADDRINUSE') {
      process.stderr.write(`demo:serve: port ${args.port} is already in use (use --port 0 for a free port)\n`);
      process.exit(2);
    }
    throw err;
  }
  process.stdout.write(`${server.url}\n`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`demo:serve: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
