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

ruleTester('unsafe-model-deserialization', {
  valid: [
    { name: 'FAISS.load_local without the opt-out refuses to unpickle', filename: py, code: 'from langchain_community.vectorstores import FAISS\ndb = FAISS.load_local("index", embeddings)\n' },
    { name: 'the opt-out from a variable', filename: py, code: 'from langchain_community.vectorstores import FAISS\ndb = FAISS.load_local("index", embeddings, allow_dangerous_deserialization=settings.trust_index)\n' },
    { name: 'allow_dangerous_deserialization=False', filename: py, code: 'from langchain_community.vectorstores import FAISS\ndb = FAISS.load_local("index", embeddings, allow_dangerous_deserialization=False)\n' },
    { name: 'Keras load_model in safe mode', filename: py, code: 'import keras\nmodel = keras.models.load_model("model.keras")\n' },
    { name: 'safe_mode=False on something that is not Keras', filename: py, code: 'import mylib\nmodel = mylib.load_model("m", safe_mode=False)\n' },
    { name: 'skops with a list of trusted types', filename: py, code: 'import skops.io as sio\nclf = sio.load("model.skops", trusted=["sklearn.linear_model.LogisticRegression"])\n' },
  ],
  invalid: [
    {
      name: 'FAISS.load_local(allow_dangerous_deserialization=True)',
      filename: py,
      code: 'from langchain_community.vectorstores import FAISS\ndb = FAISS.load_local("faiss_index", embeddings, allow_dangerous_deserialization=True)\n',
      errors: [{ line: 2, column: 50, severity: 'warning', message: /`FAISS\.load_local\(allow_dangerous_deserialization=True\)` unpickles the files it loads/ }],
      output: null,
    },
    {
      name: 'the opt-out passed through a wrapper of the store',
      filename: py,
      code: 'from langchain_community.retrievers import TFIDFRetriever\nretriever = TFIDFRetriever.load_local("tfidf", allow_dangerous_deserialization=True)\n',
      errors: [{ line: 2, severity: 'warning' }],
      output: null,
    },
    {
      name: 'Keras load_model(safe_mode=False)',
      filename: py,
      code: 'from tensorflow import keras\nmodel = keras.models.load_model(path, safe_mode=False)\n',
      errors: [{ line: 2, column: 39, severity: 'error', message: /lets Keras deserialize arbitrary Python code/ }],
      output: 'from tensorflow import keras\nmodel = keras.models.load_model(path, safe_mode=True)\n',
    },
    {
      name: 'keras.config.enable_unsafe_deserialization()',
      filename: py,
      code: 'import keras\nkeras.config.enable_unsafe_deserialization()\n',
      errors: [{ line: 2, column: 1, severity: 'error', message: /turns off Keras safe mode for every model loaded afterwards/ }],
      output: null,
    },
    {
      name: 'skops load(trusted=True)',
      filename: py,
      code: 'from skops.io import load\nclf = load("model.skops", trusted=True)\n',
      errors: [{ line: 2, column: 27, severity: 'error', message: /loads every type the file names/ }],
      output: null,
    },
  ],
});
