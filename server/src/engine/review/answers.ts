// The answers a person gives on lens practices, kept in the repository next to the code (`.ai-lens/review.yaml`)
// so they are reviewed in pull requests like everything else. One entry per practice, sorted by ID:
//
//   version: 1
//   answers:
//     GENOPS01-BP01:
//       status: done
//       note: Weekly evaluation job in pipelines/evaluate.py, reviewed in the ops meeting.
//       by: Jane Doe
//       date: 2025-11-20
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Document, isMap, isScalar, LineCounter, parseDocument, YAMLMap, type Node, type Pair } from 'yaml';
import type { Catalog } from '../catalog';

export const ANSWERS_FILE = '.ai-lens/review.yaml';

export type AnswerStatus = 'done' | 'not-applicable' | 'risk-accepted';
export const ANSWER_STATUSES: readonly AnswerStatus[] = ['done', 'not-applicable', 'risk-accepted'];

/** Statuses that only make sense with a reason. */
const NEEDS_NOTE: readonly AnswerStatus[] = ['not-applicable', 'risk-accepted'];

export interface Answer {
  status: AnswerStatus;
  note?: string;
  /** Who answered. */
  by?: string;
  /** When, as YYYY-MM-DD. */
  date?: string;
}

/** A problem in the answers file, 1-based like an editor shows it. */
export interface AnswerProblem {
  line: number;
  column: number;
  message: string;
}

export interface ParsedAnswers {
  /** Valid answers by practice ID; an entry with a problem is left out, the rest still count. */
  answers: Map<string, Answer>;
  problems: AnswerProblem[];
}

/** What validation needs from the catalog. */
export type PracticeIds = Pick<Catalog, 'practice' | 'practices'>;

const TOP_LEVEL_KEYS = ['version', 'answers'];
const ANSWER_KEYS = ['status', 'note', 'by', 'date'];
const HEADER = [
  ' AI Lens review answers: lens practices a person has judged, kept with the code.',
  ' status: done | not-applicable | risk-accepted (not-applicable and risk-accepted need a note).',
  ' Edit by hand or from the AI Lens view in VS Code; `ai-lens report` reads this file.',
].join('\n');
const STRINGIFY = { lineWidth: 0 } as const;

/** Parses and validates an answers file. Never throws: every problem is reported with its line and column. */
export function parseAnswers(text: string, catalog: PracticeIds): ParsedAnswers {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const problems: AnswerProblem[] = [];
  const answers = new Map<string, Answer>();
  const at = (offset: number | undefined, message: string) => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    problems.push({ line, column: col, message });
  };
  const done = (): ParsedAnswers => ({ answers, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) });
  const nodeAt = (node: Node | Pair | null | undefined, message: string) => {
    const range = node && 'range' in node ? node.range : node && 'key' in node ? (node.key as Node | null)?.range : undefined;
    at(range?.[0], message);
  };

  for (const error of doc.errors) {
    const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    at(error.pos[0], message);
  }
  if (doc.errors.length > 0) return done();
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return done();
  if (!isMap(root)) {
    nodeAt(root, 'expected a mapping with `version` and `answers`');
    return done();
  }
  for (const pair of root.items) {
    const key = scalarKey(pair);
    if (key === undefined || !TOP_LEVEL_KEYS.includes(key)) nodeAt(pair.key as Node, `unknown key ${JSON.stringify(key ?? '?')}: expected ${TOP_LEVEL_KEYS.join(' or ')}`);
  }
  const version = root.get('version', true) as Node | undefined;
  if (version !== undefined && !(isScalar(version) && version.value === 1)) nodeAt(version, 'unsupported version: this AI Lens reads version 1');

  const list = root.get('answers', true) as Node | undefined;
  if (list === undefined || (isScalar(list) && list.value === null)) return done();
  if (!isMap(list)) {
    nodeAt(list, '`answers` must map practice IDs to answers');
    return done();
  }
  for (const pair of list.items) {
    const id = scalarKey(pair);
    const keyNode = pair.key as Node;
    if (id === undefined) {
      nodeAt(keyNode, 'expected a practice ID such as GENSEC02-BP01');
      continue;
    }
    if (!catalog.practice(id)) {
      const suggestion = suggest(id, catalog);
      nodeAt(keyNode, `unknown practice ${id}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`);
      continue;
    }
    const answer = parseAnswer(pair, keyNode, nodeAt);
    if (answer) answers.set(id, answer);
  }
  return done();
}

function parseAnswer(pair: Pair, keyNode: Node, report: (node: Node | Pair | null | undefined, message: string) => void): Answer | undefined {
  const id = String((keyNode as { value?: unknown }).value);
  const value = pair.value as Node | null;
  if (!isMap(value)) {
    report(value ?? keyNode, `${id}: expected \`status\` and \`note\` under the practice ID`);
    return undefined;
  }
  let valid = true;
  const fail = (node: Node | Pair | null | undefined, message: string) => {
    report(node, `${id}: ${message}`);
    valid = false;
  };
  for (const item of value.items) {
    const key = scalarKey(item);
    if (key === undefined || !ANSWER_KEYS.includes(key)) fail(item.key as Node, `unknown key ${JSON.stringify(key ?? '?')}: expected ${ANSWER_KEYS.join(', ')}`);
  }
  const text = (key: string): string | undefined => {
    const node = value.get(key, true) as Node | undefined;
    if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
    if (!isScalar(node) || typeof node.value !== 'string') {
      fail(node, `\`${key}\` must be text`);
      return undefined;
    }
    return node.value;
  };
  const statusNode = value.get('status', true) as Node | undefined;
  const status = text('status');
  if (statusNode === undefined) fail(keyNode, `missing \`status\` (${ANSWER_STATUSES.join(', ')})`);
  else if (status !== undefined && !ANSWER_STATUSES.includes(status as AnswerStatus)) {
    fail(statusNode, `unknown status ${JSON.stringify(status)}: expected ${ANSWER_STATUSES.join(', ')}`);
  }
  const note = text('note')?.trim();
  if (valid && NEEDS_NOTE.includes(status as AnswerStatus) && !note) fail(keyNode, `\`${status}\` needs a \`note\` that says why`);
  const by = text('by');
  const date = text('date');
  if (date !== undefined && !isIsoDate(date)) fail(value.get('date', true) as Node, `\`date\` must be a date written YYYY-MM-DD (got ${JSON.stringify(date)})`);
  if (!valid) return undefined;
  return { status: status as AnswerStatus, ...(note ? { note } : {}), ...(by ? { by } : {}), ...(date ? { date } : {}) };
}

/**
 * The file's text with one practice's answer set, replaced or (with `undefined`) removed. Comments and other entries
 * are kept; entries are sorted by practice ID. Throws when the file has syntax errors, rather than rewrite it.
 */
export function writeAnswer(text: string | undefined, id: string, answer: Answer | undefined): string {
  const doc = text?.trim() ? parseDocument(text) : new Document({ version: 1, answers: {} });
  if (!text?.trim()) doc.commentBefore = HEADER;
  if (doc.errors.length > 0) throw new Error(`${ANSWERS_FILE} has errors; fix them first: ${doc.errors[0].message.split('\n')[0]}`);
  if (!isMap(doc.contents)) throw new Error(`${ANSWERS_FILE} must be a mapping with \`version\` and \`answers\``);
  let list = doc.get('answers', true);
  if (!isMap(list)) {
    if (list !== undefined && !(isScalar(list) && list.value === null)) throw new Error(`\`answers\` in ${ANSWERS_FILE} must be a mapping`);
    list = doc.createNode({});
    doc.set('answers', list);
  }
  const answers = list as YAMLMap;
  if (answer === undefined) {
    answers.delete(id);
  } else {
    const entry: Record<string, string> = { status: answer.status };
    if (answer.note?.trim()) entry.note = answer.note.trim();
    if (answer.by) entry.by = answer.by;
    if (answer.date) entry.date = answer.date;
    answers.set(id, doc.createNode(entry));
  }
  answers.items.sort((a, b) => compareIds(String(scalarKey(a)), String(scalarKey(b))));
  return doc.toString(STRINGIFY);
}

export interface AnswersFile extends ParsedAnswers {
  path: string;
  exists: boolean;
}

/** Reads `<root>/.ai-lens/review.yaml`, or the file given; a missing file is no answers, not an error. */
export function readAnswersFile(root: string, catalog: PracticeIds, file = path.join(root, ANSWERS_FILE)): AnswersFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path: file, exists: false, answers: new Map(), problems: [] };
    return { path: file, exists: true, answers: new Map(), problems: [{ line: 1, column: 1, message: `cannot read: ${(error as Error).message}` }] };
  }
  return { path: file, exists: true, ...parseAnswers(text, catalog) };
}

/** Today as YYYY-MM-DD in local time, for `date`. */
export function today(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function scalarKey(pair: Pair): string | undefined {
  const key = pair.key;
  if (typeof key === 'string') return key; // set from code rather than parsed
  if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return undefined;
}

function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  return date.getUTCFullYear() === +match[1] && date.getUTCMonth() === +match[2] - 1 && date.getUTCDate() === +match[3];
}

/** Practice IDs sort by lens prefix, then numerically: GENSEC02-BP10 after GENSEC02-BP02. */
function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** A likely intended practice ID for a typo: another case, `_` for `-`, or a missing leading zero. */
function suggest(id: string, catalog: PracticeIds): string | undefined {
  const normalized = id.trim().toUpperCase().replace(/_/g, '-');
  const padded = normalized.replace(/^([A-Z]+)(\d)-BP(\d+)$/, '$10$2-BP$3').replace(/-BP(\d)$/, '-BP0$1');
  for (const candidate of [normalized, padded]) if (candidate !== id && catalog.practice(candidate)) return candidate;
  const close = catalog.practices.filter((p) => editDistance(p.id, normalized) === 1);
  return close.length === 1 ? close[0].id : undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
