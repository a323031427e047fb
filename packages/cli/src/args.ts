import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A usage error: printed with the command's help, exit code 2. */
export class UsageError extends Error {}

/** node:util parseArgs with strict checking, turned into UsageError on bad flags. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, minPositionals = 0) {
  try {
    const r = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    if (r.positionals.length < minPositionals) throw new UsageError(`expected ${minPositionals} argument(s), got ${r.positionals.length}`);
    return r;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message);
  }
}

/** The number a flag's value spells (decimal, optionally signed and fractional); UsageError otherwise. */
export function numberArg(flag: string, value: string): number {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value.trim())) throw new UsageError(`${flag} ${JSON.stringify(value)}: expected a number`);
  return Number(value);
}
