import { ruleTester } from '../ruleTester';

const py = 'load.py';

ruleTester('unsafe-model-deserialization', {
  valid: [
    { filename: py, code: 'import torch\nstate = torch.load(path, weights_only=True)\n' },
    { filename: py, code: 'import torch\nstate = torch.load(path, weights_only=SAFE)\n', name: 'weights_only from a variable' },
    { filename: py, code: 'import json\nconfig = json.load(f)\n' },
    { filename: py, code: 'from safetensors.torch import load_file\nstate = load_file("model.safetensors")\n' },
    { filename: py, code: 'def load(f):\n    return f.read()\nload(f)\n', name: 'a local function named load' },
    { filename: py, code: 'import numpy as np\nembeddings = np.load("embeddings.npy")\n', name: 'numpy.load refuses pickles by default' },
    { filename: py, code: 'import numpy as np\nembeddings = np.load(path, allow_pickle=False)\n' },
    { filename: py, code: 'import numpy as np\nembeddings = np.load(path, allow_pickle=args.allow_pickle)\n', name: 'allow_pickle from a variable' },
    {
      filename: py,
      code: 'import pickle\n\nclass RestrictedUnpickler(pickle.Unpickler):\n    def find_class(self, module, name):\n        raise pickle.UnpicklingError(name)\n\nobj = RestrictedUnpickler(f).load()\n',
      name: 'a restricted Unpickler subclass',
    },
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
    {
      name: 'numpy.load with allow_pickle=True',
      filename: py,
      code: 'import numpy as np\n\nclasses = np.load("artifacts/classes.npy", allow_pickle=True)\n',
      errors: [{ line: 3, column: 44, severity: 'warning', message: /`numpy\.load\(allow_pickle=True\)` unpickles object arrays/ }],
      output: 'import numpy as np\n\nclasses = np.load("artifacts/classes.npy", allow_pickle=False)\n',
    },
    { name: 'pickle.Unpickler', filename: py, code: 'import pickle\nmodel = pickle.Unpickler(f).load()\n', errors: [{ line: 2, column: 9, message: /`pickle\.Unpickler`/ }], output: null },
    { name: 'dill.loads', filename: py, code: 'import dill\nfn = dill.loads(payload)\n', errors: [{ line: 2, message: /dill\.loads/ }] },
    { name: 'cloudpickle.load', filename: py, code: 'import cloudpickle\nwith open(p, "rb") as f:\n    model = cloudpickle.load(f)\n', errors: [{ line: 3, message: /cloudpickle\.load/ }] },
    {
      name: 'torch.load in a file with no project on disk: the torch version is unknown',
      filename: py,
      code: 'import torch\nstate = torch.load(ckpt_path, map_location="cpu")\n',
      errors: [{ line: 2, column: 9 }],
    },
  ],
});
