import { ruleTester } from '../ruleTester';

const py = 'load.py';

ruleTester('unsafe-model-deserialization', {
  valid: [
    { filename: py, code: 'import torch\nstate = torch.load(path, weights_only=True)\n' },
    { filename: py, code: 'import torch\nstate = torch.load(path, weights_only=SAFE)\n', name: 'weights_only from a variable' },
    { filename: py, code: 'import json\nconfig = json.load(f)\n' },
    { filename: py, code: 'from safetensors.torch import load_file\nstate = load_file("model.safetensors")\n' },
    { filename: py, code: 'def load(f):\n    return f.read()\nload(f)\n', name: 'a local function named load' },
  ],
  invalid: [
    { filename: py, code: 'import pickle\nmodel = pickle.load(open("model.pkl", "rb"))\n', errors: [{ line: 2, column: 9, message: /`pickle\.load` runs any code/ }], output: null },
    { filename: py, code: 'import pickle as pk\nmodel = pk.loads(blob)\n', errors: [{ line: 2, message: /pickle\.loads/ }] },
    { filename: py, code: 'from joblib import load\nclf = load("model.joblib")\n', errors: [{ line: 2, message: /joblib\.load/ }] },
    { filename: py, code: 'import pandas as pd\ndf = pd.read_pickle(p)\n', errors: [{ line: 2 }] },
    {
      filename: py,
      code: 'import torch\nmodel = torch.load("model.pt")\n',
      errors: [{ line: 2, column: 9, severity: 'warning', message: /weights_only=True/ }],
      output: 'import torch\nmodel = torch.load("model.pt", weights_only=True)\n',
    },
    {
      filename: py,
      code: 'import torch\nmodel = torch.load("model.pt", map_location="cpu", weights_only=False)\n',
      errors: [{ line: 2, column: 52, severity: 'error' }],
      output: 'import torch\nmodel = torch.load("model.pt", map_location="cpu", weights_only=True)\n',
    },
  ],
});
