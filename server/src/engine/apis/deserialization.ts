// Loaders that deserialize model and index files, and the settings with which libraries let a caller opt out of their
// safe loading.
import { isTrue, isFalse } from '../values';
import type { CallFact, Property } from '../types';

/** Loaders that run pickle on their input: loading an untrusted file runs arbitrary code. */
export const PICKLE_LOADERS = new Set([
  'pickle.load',
  'pickle.loads',
  'cPickle.load',
  'cPickle.loads',
  '_pickle.load',
  '_pickle.loads',
  'dill.load',
  'dill.loads',
  'cloudpickle.load',
  'cloudpickle.loads',
  'joblib.load',
  'sklearn.externals.joblib.load',
  'pandas.read_pickle',
  'pickle.Unpickler',
  '_pickle.Unpickler',
  'dill.Unpickler',
]);

/** A keyword with which a loader is told to load what it would otherwise refuse. */
export interface UnsafeLoadOption {
  /** The keyword and the value that opts out. */
  keyword: string;
  unsafe: 'true' | 'false';
  /** Loaders that take it, by import-resolved name; `undefined` means any call (the keyword's name says what it does). */
  loaders?: readonly string[];
  /** What the opt-out lets through. */
  consequence: string;
  /** The safe value a fix writes, when loading can go on with it. */
  safeValue?: boolean;
  /**
   * `error` where the library offers a safe way to load the same file; `warning` where it has none (LangChain's FAISS
   * store can only be loaded by unpickling its docstore, so the question is where the file comes from).
   */
  severity: 'error' | 'warning';
  source: string;
}

const KERAS_LOADERS = ['keras.models.load_model', 'keras.saving.load_model', 'tensorflow.keras.models.load_model', 'tf_keras.models.load_model', 'keras.saving.saving_api.load_model'];

export const UNSAFE_LOAD_OPTIONS: readonly UnsafeLoadOption[] = [
  {
    // langchain-ai/langchain-community libs/community/langchain_community/vectorstores/faiss.py (also Annoy, ScaNN,
    // TileDB, SKLearnVectorStore, TFIDFRetriever): `load_local(…, allow_dangerous_deserialization=True)` unpickles the
    // docstore saved next to the index.
    keyword: 'allow_dangerous_deserialization',
    unsafe: 'true',
    consequence:
      'unpickles the files it loads (a FAISS or Annoy docstore, a saved retriever): a tampered file runs code. Load only files your own pipeline wrote to storage only it can write, and check their digest',
    severity: 'warning',
    source: 'langchain-ai/langchain-community libs/community/langchain_community/vectorstores/faiss.py',
  },
  {
    // keras-team/keras keras/src/saving/saving_api.py: `safe_mode=False` allows `Lambda` layers' Python bytecode.
    keyword: 'safe_mode',
    unsafe: 'false',
    loaders: KERAS_LOADERS,
    consequence: 'lets Keras deserialize arbitrary Python code (`Lambda` layers): a tampered model runs code',
    safeValue: true,
    severity: 'error',
    source: 'keras-team/keras keras/src/saving/saving_api.py',
  },
  {
    // skops-dev/skops skops/io/_persist.py: `trusted=True` loads every type in the file without checking it.
    keyword: 'trusted',
    unsafe: 'true',
    loaders: ['skops.io.load', 'skops.io.loads'],
    consequence: 'loads every type the file names, which is what skops exists to prevent: a tampered model runs code',
    severity: 'error',
    source: 'skops-dev/skops skops/io/_persist.py',
  },
];

/** Calls that turn safe loading off for the whole process. */
export const UNSAFE_LOAD_SWITCHES: Readonly<Record<string, string>> = {
  'keras.config.enable_unsafe_deserialization': 'turns off Keras safe mode for every model loaded afterwards: a tampered model runs code',
};

/** The opt-out a call writes, with the property that writes it. */
export function unsafeLoadOption(call: CallFact): { option: UnsafeLoadOption; prop: Property } | undefined {
  for (const option of UNSAFE_LOAD_OPTIONS) {
    if (option.loaders && !(call.qualifiedName && option.loaders.includes(call.qualifiedName))) continue;
    const prop = call.args.props.get(option.keyword);
    if (prop && (option.unsafe === 'true' ? isTrue(prop.value) : isFalse(prop.value))) return { option, prop };
  }
  return undefined;
}
