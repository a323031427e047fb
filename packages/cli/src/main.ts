import { isVoxaError } from '@voxa/core';
import { UsageError } from './args.ts';

interface Command {
  run: (argv: string[]) => Promise<number>;
  help: string;
}

/** Commands load on demand: a command's start-up pays only for what it uses. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  info: () => import('./commands/info.ts').then((m) => ({ run: m.info, help: m.INFO_HELP })),
  convert: () => import('./commands/convert.ts').then((m) => ({ run: m.convert, help: m.CONVERT_HELP })),
  phantom: () => import('./commands/phantom.ts').then((m) => ({ run: m.phantom, help: m.PHANTOM_HELP })),
  demo: () => import('./commands/demo.ts').then((m) => ({ run: m.demo, help: m.DEMO_HELP })),
  import: () => import('./commands/importCommand.ts').then((m) => ({ run: m.importFiles, help: m.IMPORT_HELP })),
  serve: () => import('./commands/serve.ts').then((m) => ({ run: m.serve, help: m.SERVE_HELP })),
  deid: () => import('./commands/deid.ts').then((m) => ({ run: m.deid, help: m.DEID_HELP })),
  query: () => import('./commands/query.ts').then((m) => ({ run: m.query, help: m.QUERY_HELP })),
  pull: () => import('./commands/pull.ts').then((m) => ({ run: m.pull, help: m.PULL_HELP })),
  export: () => import('./commands/exportCommand.ts').then((m) => ({ run: m.exportStudy, help: m.EXPORT_HELP })),
  seg: () => import('./commands/seg.ts').then((m) => ({ run: m.seg, help: m.SEG_HELP })),
  segment: () => import('./commands/segment.ts').then((m) => ({ run: m.segment, help: m.SEGMENT_HELP })),
  mesh: () => import('./commands/mesh.ts').then((m) => ({ run: m.mesh, help: m.MESH_HELP })),
  render: () => import('./commands/render.ts').then((m) => ({ run: m.render, help: m.RENDER_HELP })),
  register: () => import('./commands/register.ts').then((m) => ({ run: m.register, help: m.REGISTER_HELP })),
  track: () => import('./commands/track.ts').then((m) => ({ run: m.track, help: m.TRACK_HELP })),
  report: () => import('./commands/report.ts').then((m) => ({ run: m.report, help: m.REPORT_HELP })),
};

async function usage(): Promise<string> {
  const helps = await Promise.all(Object.values(COMMANDS).map((load) => load().then((c) => c.help)));
  return `voxa — 3D medical imaging from the command line\n\n${helps.join('\n\n')}\n\nExit codes: 0 success, 1 bad input (the message says which file and why), 2 usage error.`;
}

/** Run the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await usage());
    return name ? 0 : 2;
  }
  if (!COMMANDS[name]) {
    console.error(`voxa: unknown command '${name}'\n\n${await usage()}`);
    return 2;
  }
  const cmd = await COMMANDS[name]();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(cmd.help);
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`voxa ${name}: ${e.message}\n\n${cmd.help}`);
      return 2;
    }
    if (isVoxaError(e) || isSystemError(e)) {
      console.error(`voxa ${name}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

/**
 * A Node system error (ENOENT, EEXIST, EACCES, ENOSPC, EISDIR, ENOTDIR …): a string `code` plus
 * the `syscall` or `path` it concerns. Its message already names the operation and the path.
 */
function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  const x = e as NodeJS.ErrnoException;
  return e instanceof Error && typeof x.code === 'string' && (typeof x.syscall === 'string' || typeof x.path === 'string');
}
