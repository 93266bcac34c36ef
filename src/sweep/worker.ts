/**
 * The piscina worker: runs a batch of run specs and returns their CSV blocks as one
 * UTF-8 buffer, transferred (not copied) back to the main thread. Workers receive
 * serialisable specs (scenario object, seed, run id), never models.
 */
import { Piscina } from 'piscina';
import type { Keep } from '../experiments/schema.js';
import type { Scenario } from '../scenario/schema.js';
import { hasExpressions } from '../engine/leverSetting.js';
import { engineSimulate, rowsToText, type Simulate } from './execute.js';

export interface RunSpec {
  runId: number;
  /** Key into `BatchTask.scenarios`: runs of one design point share one scenario object. */
  point: number;
  seed: number;
}

export interface BatchTask {
  scenarios: Record<number, Scenario>;
  runs: RunSpec[];
  keep: Keep;
}

export interface RunOutcome {
  runId: number;
  ok: boolean;
  error?: string;
  wallMs: number;
  rows: number;
  /** Byte length of this run's block in `BatchReply.bytes` (blocks follow run order). */
  bytes: number;
  unmatched?: string[];
  available?: string[];
}

export interface BatchReply {
  runs: RunOutcome[];
  bytes: Uint8Array;
}

/** Wraps the reply so piscina transfers the byte buffer instead of copying it. */
class MovableReply {
  constructor(private readonly reply: BatchReply) {}
  get [Piscina.transferableSymbol](): ArrayBuffer[] {
    return [this.reply.bytes.buffer as ArrayBuffer];
  }
  get [Piscina.valueSymbol](): BatchReply {
    return this.reply;
  }
}

const encoder = new TextEncoder();

/**
 * The lever-expression parser (mathjs, ~0.5 s to import: most of what a worker would import)
 * is loaded the first time a batch has a budget or intensity written as an expression; the
 * scenarios were validated on the main thread, so the worker only compiles them.
 */
let parserLoading: Promise<void> | undefined;
let parserReady = false;
const needsParser = (task: BatchTask) => !parserReady && Object.values(task.scenarios).some((sc) => hasExpressions(sc.policies));

/**
 * Loads the parser module the way piscina loaded this one: with import() from dist/, with
 * require() when this module runs as CommonJS (the TypeScript sources under tsx, whose
 * import() hooks Node 20 does not apply in worker threads).
 */
function loadParser(): Promise<unknown> {
  return typeof require === 'function' ? Promise.resolve(require('../engine/expr.js')) : import('../engine/expr.js');
}

/** The batch handler for a given simulate function (tests pass one that fails on purpose). */
export function batchRunner(simulate: Simulate): (task: BatchTask) => unknown {
  const run = runBatch(simulate);
  return (task) => {
    if (!needsParser(task)) return run(task);
    parserLoading ??= loadParser().then(() => {
      parserReady = true;
    });
    return parserLoading.then(() => run(task));
  };
}

function runBatch(simulate: Simulate): (task: BatchTask) => unknown {
  return (task) => {
    const outcomes: RunOutcome[] = [];
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (const spec of task.runs) {
      const t0 = performance.now();
      try {
        const out = rowsToText(simulate(task.scenarios[spec.point]!, spec.seed), task.keep);
        const chunk = encoder.encode(out.text);
        chunks.push(chunk);
        total += chunk.byteLength;
        outcomes.push({
          runId: spec.runId,
          ok: true,
          wallMs: performance.now() - t0,
          rows: out.rows,
          bytes: chunk.byteLength,
          ...(out.unmatched.length > 0 ? { unmatched: out.unmatched, available: out.available } : {}),
        });
      } catch (err) {
        const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        outcomes.push({ runId: spec.runId, ok: false, error, wallMs: performance.now() - t0, rows: 0, bytes: 0 });
      }
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    return Piscina.move(new MovableReply({ runs: outcomes, bytes }) as never);
  };
}

export default batchRunner(engineSimulate);
