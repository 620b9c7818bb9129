// Helpers for the checklist tests: the view's tree-data provider from the extension's exports, walks over its
// nodes, and the lens review as the CLI (`ai-lens report --format json`) reports it on the same workspace.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../client/src/checklist/tree';
import type { AiLensApi } from '../../../client/src/extension';
import { EXTENSION_ID } from './support';

export type { TreeNode };
export const ANSWERS_FILE = '.ai-lens/review.yaml';

export function checklist(): { view: AiLensApi['checklist']; extensionPath: string } {
  const extension = vscode.extensions.getExtension<AiLensApi>(EXTENSION_ID);
  if (!extension?.isActive) throw new Error(`${EXTENSION_ID} is not active`);
  if (!extension.exports?.checklist) throw new Error(`${EXTENSION_ID} exports no checklist`);
  return { view: extension.exports.checklist, extensionPath: extension.extensionPath };
}

/** The lens nodes at the top of the tree (one workspace folder: no folder nodes above them). */
export function lensNodes(): TreeNode[] {
  return checklist().view.getChildren().filter((n) => n.kind === 'lens');
}

export function practicesUnder(node: TreeNode): TreeNode[] {
  if (node.kind === 'practice') return [node];
  return (node.children ?? []).flatMap(practicesUnder);
}

export function findPractice(id: string): TreeNode {
  const found = lensNodes().flatMap(practicesUnder).find((p) => p.practice?.id === id);
  if (!found) throw new Error(`the checklist has no practice ${id}`);
  return found;
}

interface ReportedPractice {
  id: string;
  status: string;
  source: string;
  answer?: { status: string; note?: string };
}
interface JsonReport {
  lenses: { groups: { questions: { practices: ReportedPractice[] }[] }[] }[];
}

/** `ai-lens report <workspace> --format json`, run with the Node that runs the extension host. */
export function reportFromCli(): JsonReport {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('the window has no workspace folder');
  const cli = path.join(checklist().extensionPath, 'bin', 'ai-lens.js');
  const run = spawnSync(process.execPath, [cli, 'report', folder, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`ai-lens report exited with ${run.status ?? run.signal}:\n${run.stderr}`);
  return JSON.parse(run.stdout) as JsonReport;
}

export function reportedPractice(report: JsonReport, id: string): ReportedPractice {
  for (const lens of report.lenses) {
    for (const group of lens.groups) {
      for (const question of group.questions) {
        const found = question.practices.find((p) => p.id === id);
        if (found) return found;
      }
    }
  }
  throw new Error(`the report has no practice ${id}`);
}
