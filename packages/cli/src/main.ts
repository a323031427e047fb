#!/usr/bin/env node
import { isVoxaError } from '@voxa/core';
import { UsageError } from './args.ts';
import { convert, CONVERT_HELP } from './commands/convert.ts';
import { demo, DEMO_HELP } from './commands/demo.ts';
import { info, INFO_HELP } from './commands/info.ts';
import { phantom, PHANTOM_HELP } from './commands/phantom.ts';

const COMMANDS: Record<string, { run: (argv: string[]) => Promise<number>; help: string }> = {
  info: { run: info, help: INFO_HELP },
  convert: { run: convert, help: CONVERT_HELP },
  phantom: { run: phantom, help: PHANTOM_HELP },
  demo: { run: demo, help: DEMO_HELP },
};

const USAGE = `voxa — 3D medical imaging from the command line

${Object.values(COMMANDS).map((c) => c.help).join('\n\n')}

Exit codes: 0 success, 1 bad input (the message says which file and why), 2 usage error.`;

/** Run the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    console.error(`voxa: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
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
    if (isVoxaError(e) || (e as NodeJS.ErrnoException)?.code === 'ENOENT') {
      console.error(`voxa ${name}: ${(e as Error).message}`);
      return 1;
    }
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/main.ts')) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
