/**
 * Reading an input file (scenario, experiment) with every failure as a UserError: missing,
 * a folder, unreadable, or larger than any input of clustersim can be (checked before
 * reading, so a huge file is never loaded).
 */
import fs from 'node:fs';
import { MAX_DOCUMENT_CHARS } from '../scenario/document.js';
import { UserError, msg, systemErrorMessage } from '../messages.js';

/** UTF-8 takes at most 4 bytes a character. */
const MAX_INPUT_BYTES = 4 * MAX_DOCUMENT_CHARS;

export function readInputText(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw readError(file, e);
  }
  if (stat.isDirectory()) throw new UserError(msg.notAFile(file));
  if (stat.size > MAX_INPUT_BYTES) throw new UserError(msg.cannotRead(file, `it is ${(stat.size / 1e6).toFixed(0)} MB, larger than any scenario or experiment (at most ${MAX_INPUT_BYTES / 1e6} MB)`));
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw readError(file, e);
  }
}

function readError(file: string, e: unknown): UserError | unknown {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return new UserError(msg.fileNotFound(file));
  if (code === 'EISDIR') return new UserError(msg.notAFile(file));
  const sys = systemErrorMessage(e);
  return sys ? new UserError(msg.cannotRead(file, sys.slice(sys.indexOf(': ') + 2))) : e;
}
