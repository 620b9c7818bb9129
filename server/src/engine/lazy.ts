import { Slot } from './slot';

/**
 * For each key, what objects made lazy compute for it (held by each object: `Slot`) and one accessor, shared by every
 * object: a getter made for each object is kept by V8 in a hidden class of that object's own, and through those
 * classes an analysis's result and its facts outlived young-generation collections (docs/performance.md, "Terraform
 * edits").
 */
const lazyKeys = new Map<PropertyKey, { computes: Slot<object, () => unknown>; accessor: PropertyDescriptor }>();

/** Makes `object[key]` a property computed the first time it is read, then held (or set). */
export function whenRead<T extends object, K extends keyof T>(object: T, key: K, compute: () => T[K]): void {
  const lazy = lazyKey(key);
  lazy.computes.set(object, compute);
  Object.defineProperty(object, key, lazy.accessor);
}

function lazyKey(key: PropertyKey): { computes: Slot<object, () => unknown>; accessor: PropertyDescriptor } {
  let lazy = lazyKeys.get(key);
  if (lazy) return lazy;
  const computes = new Slot<object, () => unknown>(`compute ${String(key)}`);
  const settle = (object: object, value: unknown) => {
    computes.set(object, undefined!);
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  const accessor: PropertyDescriptor = {
    get(this: object) {
      // The object made lazy: this one, or one it inherits the property from.
      for (let owner: object | null = this; owner; owner = Object.getPrototypeOf(owner)) {
        const compute = Object.hasOwn(owner, key) ? computes.get(owner) : undefined;
        if (compute) return settle(owner, compute());
      }
      return undefined;
    },
    set(this: object, value: unknown) {
      settle(this, value);
    },
    enumerable: true,
    configurable: true,
  };
  lazyKeys.set(key, (lazy = { computes, accessor }));
  return lazy;
}
