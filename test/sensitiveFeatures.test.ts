// `sensitive-attributes-without-bias-evaluation` fires only when the sensitive columns reach a model: training,
// inference or a feature transformer. The columns of a table that is only shown or saved, and columns dropped, are no
// model's features.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../server/src/cli/scan';
import { DEFAULT_OPTIONS } from '../server/src/engine/config';
import { Engine } from '../server/src/engine/engine';

const engine = Engine.create();
const RULE = 'sensitive-attributes-without-bias-evaluation';

async function findings(code: string): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-lens-features-'));
  try {
    fs.writeFileSync(path.join(dir, 'model.py'), code);
    const report = scan(await engine, [dir], DEFAULT_OPTIONS);
    return report.files.flatMap((f) => f.result.findings.filter((x) => x.ruleId === RULE).map((x) => `${x.range.start.line + 1}:${x.range.start.character + 1} ${x.message}`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const head = 'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\nfrom sklearn.model_selection import train_test_split\ndf = pd.read_csv("applicants.csv")\n';

describe('sensitive attributes must reach a model', () => {
  it('columns selected for training are reported, naming the call they reach', async () => {
    const [finding, ...rest] = await findings(head + 'FEATURES = ["income", "age", "gender"]\nLogisticRegression().fit(df[FEATURES], df["approved"])\n');
    assert.deepEqual(rest, []);
    assert.match(finding, /^5:23 features include sensitive attributes \(age, gender\), used by `fit` \(line 6\), but no bias evaluation/);
  });

  it('through assignments: X = df[FEATURES], then a split', async () => {
    const code = head + 'FEATURES = ["tenure", "zip_code"]\nX = df[FEATURES]\nX_train, X_test, y_train, y_test = train_test_split(X, df["churned"])\n';
    assert.match((await findings(code))[0] ?? '', /used by `train_test_split` \(line 7\)/);
  });

  it('columns a feature transformer takes', async () => {
    const code = head + 'from sklearn.compose import ColumnTransformer\nfrom sklearn.preprocessing import StandardScaler\npre = ColumnTransformer([("num", StandardScaler(), ["age", "income"])])\n';
    assert.match((await findings(code))[0] ?? '', /used by `ColumnTransformer`/);
  });

  it('twin: the columns of an empty display table are not features', async () => {
    const code = 'import pandas as pd\nimport streamlit as st\ntable = pd.DataFrame(columns=["Name", "Age", "Email"])\nst.dataframe(table)\n';
    assert.deepEqual(await findings(code), []);
  });

  it('twin: columns dropped before training are not features', async () => {
    const code = head + 'X = df.drop(columns=["gender", "ethnicity"])\nLogisticRegression().fit(X, df["approved"])\n';
    assert.deepEqual(await findings(code), []);
  });

  it('twin: columns only saved to a report are not features', async () => {
    const code = head + 'REPORT = ["applicant_id", "age", "decision"]\ndf[REPORT].to_csv("report.csv")\nLogisticRegression().fit(df[["income", "tenure"]], df["approved"])\n';
    assert.deepEqual(await findings(code), []);
  });
});
