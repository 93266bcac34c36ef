/**
 * results.parquet read elsewhere: DuckDB (as an analyst would, with SQL) gets exactly the
 * rows and values of results.csv, parameter columns named by their dotted paths included.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseCsvLine } from '../../src/experiments/csv.js';
import { runSweep } from '../../src/sweep/sweep.js';
import { fixture, read, tempDir } from './helpers.js';

vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('results.parquet in DuckDB', () => {
  it('holds the rows of results.csv, in order, with the same values', async () => {
    const out = path.join(root, 'grid');
    await runSweep({ experimentFile: fixture('grid.yaml'), out, workers: 1, quiet: true });
    const csv = read(out, 'results.csv').trim().split('\n');
    const header = parseCsvLine(csv[0]!);
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const file = path.join(out, 'results.parquet').replace(/'/g, "''");
    const reader = await con.runAndReadAll(`SELECT * FROM read_parquet('${file}') ORDER BY run_id, step, metric`);
    expect(reader.columnNames()).toEqual(header);
    const rows = reader.getRowObjectsJS();
    expect(rows.length).toBe(csv.length - 1);
    csv.slice(1).forEach((line, i) => {
      const cells = parseCsvLine(line);
      header.forEach((col, j) => {
        const v = (rows[i] as Record<string, unknown>)[col];
        expect(typeof v === 'bigint' ? v.toString() : String(v), `${col} of row ${i}`).toBe(cells[j]);
      });
    });
    // A dotted parameter path is a column name: quoted in SQL.
    const agg = await con.runAndReadAll(
      `SELECT "policies.0.budget" AS budget, avg(value) AS mean FROM read_parquet('${file}') WHERE metric = 'ict.mean' GROUP BY 1 ORDER BY 1`,
    );
    expect(agg.getRowObjectsJS().map((r) => Number(r.budget))).toEqual([0, 5000]);
    con.closeSync();
  });
});
