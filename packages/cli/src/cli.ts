#!/usr/bin/env node
// The process entry point: run `voxa` with this process's arguments and exit with its code.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
