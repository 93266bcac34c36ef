/**
 * results.parquet, written alongside results.csv with the same rows and columns, by
 * hyparquet-writer (pure JavaScript, no native code). Rows are buffered into row groups of
 * ROW_GROUP rows and each group is flushed to disk, so memory stays flat.
 */
import fs from 'node:fs';
import { ParquetWriter, fileWriter, schemaFromColumnData, type ColumnSource } from 'hyparquet-writer';
import type { ParamValue } from '../experiments/schema.js';
import { tempName } from '../io/files.js';

const ROW_GROUP = 100_000;

type ParamKind = 'DOUBLE' | 'STRING' | 'BOOLEAN';

/** The parquet type of a parameter column: numbers, booleans, or text for anything mixed. */
export function paramKind(values: ParamValue[]): ParamKind {
  if (values.every((v) => typeof v === 'number')) return 'DOUBLE';
  if (values.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  return 'STRING';
}

export class ResultsParquet {
  private readonly writer: ParquetWriter;
  private readonly tmp: string;
  private runId: number[] = [];
  private point: number[] = [];
  private replicate: number[] = [];
  private seed: bigint[] = [];
  private params: ParamValue[][];
  private step: number[] = [];
  private metric: string[] = [];
  private value: number[] = [];

  constructor(
    private readonly file: string,
    private readonly paths: string[],
    private readonly kinds: ParamKind[],
  ) {
    this.tmp = tempName(file);
    this.params = paths.map(() => []);
    this.writer = new ParquetWriter({ writer: fileWriter(this.tmp), schema: schemaFromColumnData({ columnData: this.columns(true) }) });
  }

  add(runId: number, point: number, replicate: number, seed: number, values: ParamValue[], step: number, metric: string, value: number): void {
    this.runId.push(runId);
    this.point.push(point);
    this.replicate.push(replicate);
    this.seed.push(BigInt(seed));
    values.forEach((v, i) => this.params[i]!.push(this.kinds[i] === 'STRING' ? String(v) : v));
    this.step.push(step);
    this.metric.push(metric);
    this.value.push(value);
    if (this.runId.length >= ROW_GROUP) this.flush();
  }

  private columns(sample = false): ColumnSource[] {
    const pick = <T>(xs: T[], dflt: T): T[] => (sample ? [dflt] : xs);
    return [
      { name: 'run_id', data: Int32Array.from(pick(this.runId, 0)), type: 'INT32' },
      { name: 'point', data: Int32Array.from(pick(this.point, 0)), type: 'INT32' },
      { name: 'replicate', data: Int32Array.from(pick(this.replicate, 0)), type: 'INT32' },
      { name: 'seed', data: pick(this.seed, 0n), type: 'INT64' },
      ...this.paths.map((p, i): ColumnSource => {
        const kind = this.kinds[i]!;
        const dflt: ParamValue = kind === 'DOUBLE' ? 0 : kind === 'BOOLEAN' ? false : '';
        const data = pick(this.params[i]!, dflt);
        return { name: p, data: kind === 'DOUBLE' ? Float64Array.from(data as number[]) : data, type: kind };
      }),
      { name: 'step', data: Int32Array.from(pick(this.step, 0)), type: 'INT32' },
      { name: 'metric', data: pick(this.metric, ''), type: 'STRING' },
      { name: 'value', data: Float64Array.from(pick(this.value, 0)), type: 'DOUBLE' },
    ];
  }

  private flush(): void {
    if (this.runId.length === 0) return;
    void this.writer.write({ columnData: this.columns(), rowGroupSize: ROW_GROUP });
    this.runId = [];
    this.point = [];
    this.replicate = [];
    this.seed = [];
    this.params = this.paths.map(() => []);
    this.step = [];
    this.metric = [];
    this.value = [];
  }

  commit(): void {
    this.flush();
    void this.writer.finish();
    fs.renameSync(this.tmp, this.file);
  }

  abort(): void {
    fs.rmSync(this.tmp, { force: true });
  }
}
