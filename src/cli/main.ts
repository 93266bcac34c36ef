#!/usr/bin/env node
/**
 * The clustersim command line. The pipeline of every command reads top to bottom:
 * load, validate, normalise (defaults, extends), build state, run, record, write, chart.
 * User errors (bad files or flags, and system errors such as a full disk) print a message
 * and exit 1, without a stack trace; an internal error (a bug) exits 2.
 */
import yargs, { type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { UserError, unexpectedErrorMessage } from '../messages.js';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import { sweepCommand } from './commands/sweep.js';
import { mergeCommand } from './commands/merge.js';
import { slurmCommand } from './commands/slurm.js';
import { compareCommand } from './commands/compare.js';
import { reportCommand } from './commands/report.js';
import { chartCommand } from './commands/chart.js';
import { discoverCommand } from './commands/discover.js';
import { factsCommand } from './commands/facts.js';
import { warmupCommand } from './commands/warmup.js';
import { precisionCommand } from './commands/precision.js';
import { driftCommand } from './commands/drift.js';
import { pairedCommand } from './commands/paired.js';

// Each command is one module; add new ones to this list.
const COMMANDS: CommandModule<any, any>[] = [
  runCommand,
  validateCommand,
  sweepCommand,
  mergeCommand,
  slurmCommand,
  compareCommand,
  reportCommand,
  chartCommand,
  discoverCommand,
  factsCommand,
  warmupCommand,
  precisionCommand,
  driftCommand,
  pairedCommand,
];

export async function main(argv: string[]): Promise<void> {
  let cli = yargs(argv)
    .scriptName('clustersim')
    .usage('$0 <command> [options]\n\nAgent-based simulation of industrial clusters: knowledge, proximity, networks and policy.')
    .strict()
    .demandCommand(1, 'Name a command (see the list above).')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilogue('Docs: README.md, docs/model.md, docs/levers.md, docs/experiments.md, docs/charts.md')
    .fail((message, err) => {
      if (err) throw err;
      console.error(`${message}\nRun 'clustersim --help' for usage.`);
      process.exit(1);
    });
  for (const c of COMMANDS) cli = cli.command(c);
  await cli.parseAsync();
}

main(hideBin(process.argv)).catch((err: unknown) => {
  if (err instanceof UserError) {
    console.error(err.message);
    process.exit(1);
  }
  // Not a UserError: a system error (EACCES, ENOSPC, ...) or an engine limit is still the
  // input's or the machine's, and gets a message; only a bug gets exit 2. No stack trace
  // unless asked for.
  const { message, bug } = unexpectedErrorMessage(err);
  console.error(message);
  if (process.env.CLUSTERSIM_DEBUG) console.error(err);
  process.exit(bug ? 2 : 1);
});
