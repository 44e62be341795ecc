import fs from 'node:fs';
import readline from 'node:readline';
import { parse } from 'csv-parse';
import type { Services } from '../../app/services';
import { RequestContext } from '../../core/context/request-context';
import { BadInputError } from '../../core/errors/errors';
import { SubmitFeedbackInput } from './dto/feedback.input';
import { FeedbackItemStatus } from './feedback-result.types';
import { FEEDBACK_IMPORT_PRESETS, FeedbackImportMapping, mapRecord } from './feedback-import-mapping';

/** Items per call to the batch method. */
export const IMPORT_BATCH_SIZE = 500;
/** How many item errors an import keeps to report (all are counted). */
const MAX_ERROR_SAMPLES = 50;

/** Options of {@link importFeedbackFile}. */
export interface FeedbackImportOptions {
  /** Path of the file to read. */
  file: string;
  format: 'jsonl' | 'csv';
  /** A preset name (e.g. `github-issues`) or a mapping. */
  mapping: string | FeedbackImportMapping;
  /** Source of the items; defaults to the preset's (`github` for `github-issues`), required with a custom mapping. */
  source?: string;
  /** Called after each batch with the counts so far. */
  onProgress?: (progress: FeedbackImportCounts) => void;
}

/** Counts of an import. `read` counts non-empty records; read = created + duplicates + errors. */
export interface FeedbackImportCounts {
  read: number;
  created: number;
  duplicates: number;
  errors: number;
}

/** Counts plus the first item errors, with the 1-based line of the record. */
export interface FeedbackImportResult extends FeedbackImportCounts {
  errorSamples: { line: number; field: string | null; message: string }[];
}

interface SourceRecord {
  line: number;
  record?: Record<string, unknown>;
  error?: string;
}

/**
 * Imports a JSON Lines or CSV file of feedback into the caller's workspace: streams it record by record (bodies can
 * be large; the file is never loaded whole), maps each record with the mapping and submits them in batches of 500
 * through `FeedbackService.submitBatch`, so an import run twice creates nothing new.
 */
export async function importFeedbackFile(
  ctx: RequestContext,
  services: Pick<Services, 'feedback'>,
  opts: FeedbackImportOptions,
): Promise<FeedbackImportResult> {
  const preset = typeof opts.mapping === 'string' ? FEEDBACK_IMPORT_PRESETS[opts.mapping] : undefined;
  if (typeof opts.mapping === 'string' && !preset) {
    const known = Object.keys(FEEDBACK_IMPORT_PRESETS).join(', ');
    throw new BadInputError(`unknown mapping preset "${opts.mapping}" (known: ${known})`, 'mapping');
  }
  const mapping = preset ? preset.mapping : (opts.mapping as FeedbackImportMapping);
  const source = opts.source ?? preset?.source;
  if (!source) throw new BadInputError('source is required with a custom mapping', 'source');
  if (opts.format !== 'jsonl' && opts.format !== 'csv') throw new BadInputError('format must be jsonl or csv', 'format');

  const result: FeedbackImportResult = { read: 0, created: 0, duplicates: 0, errors: 0, errorSamples: [] };
  const fail = (line: number, field: string | null, message: string) => {
    result.errors++;
    if (result.errorSamples.length < MAX_ERROR_SAMPLES) result.errorSamples.push({ line, field, message });
  };
  let batch: { line: number; input: SubmitFeedbackInput }[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const outcomes = await services.feedback.submitBatch(ctx, batch.map((b) => b.input));
    outcomes.forEach((o, i) => {
      if (o.status === FeedbackItemStatus.CREATED) result.created++;
      else if (o.status === FeedbackItemStatus.DUPLICATE) result.duplicates++;
      else fail(batch[i].line, o.error?.field ?? null, o.error?.message ?? 'refused');
    });
    batch = [];
    opts.onProgress?.({ read: result.read, created: result.created, duplicates: result.duplicates, errors: result.errors });
  };

  try {
    await fs.promises.access(opts.file, fs.constants.R_OK);
  } catch {
    throw new BadInputError(`cannot read ${opts.file}`, 'file');
  }
  const records = opts.format === 'jsonl' ? readJsonLines(opts.file) : readCsv(opts.file);
  for await (const r of records) {
    result.read++;
    if (r.error || !r.record) {
      fail(r.line, null, r.error ?? 'unreadable record');
      continue;
    }
    const mapped = mapRecord(r.record, mapping, source);
    if ('error' in mapped) fail(r.line, mapped.field, mapped.error);
    else batch.push({ line: r.line, input: mapped.input });
    if (batch.length >= IMPORT_BATCH_SIZE) await flush();
  }
  await flush();
  return result;
}

/** Reads a JSON Lines file one line at a time; blank lines are skipped, a bad line is an error record. */
async function* readJsonLines(file: string): AsyncGenerator<SourceRecord> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (!text.trim()) continue;
    try {
      const value = JSON.parse(text) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) yield { line, record: value as Record<string, unknown> };
      else yield { line, error: 'line is not a JSON object' };
    } catch {
      yield { line, error: 'line is not valid JSON' };
    }
  }
}

/** Reads a CSV file with a header row; quoted fields may span lines. */
async function* readCsv(file: string): AsyncGenerator<SourceRecord> {
  const parser = fs.createReadStream(file).pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, trim: false, info: true }),
  );
  try {
    for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { line: row.info.lines, record: row.record };
    }
  } catch (err) {
    throw new BadInputError(`cannot read ${file} as CSV: ${(err as Error).message}`, 'file');
  }
}
