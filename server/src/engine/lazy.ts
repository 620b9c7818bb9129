import { Slot } from './slot';

/**
 * What each lazy property of an object computes, held by the object (`Slot`), read by one accessor per key shared by
 * every object: a getter made for each object is kept by V8 in a hidden class of that object's own, and through those
 * classes an analysis's result and its facts outlived young-generation collections (docs/performance.md, "Terraform
 * edits").
 */
const pending = new Slot<object, Map<PropertyKey, () => unknown>>('pending');
const accessors = new Map<PropertyKey, PropertyDescriptor>();

/** Makes `object[key]` a property computed the first time it is read, then held (or set). */
export function whenRead<T extends object, K extends keyof T>(object: T, key: K, compute: () => T[K]): void {
  let computes = pending.get(object);
  if (!computes) pending.set(object, (computes = new Map()));
  computes.set(key, compute);
  Object.defineProperty(object, key, accessorOf(key));
}

function accessorOf(key: PropertyKey): PropertyDescriptor {
  let accessor = accessors.get(key);
  if (!accessor) {
    accessor = {
      get(this: object) {
        // The object made lazy: this one, or one it inherits the property from.
        for (let owner: object | null = this; owner; owner = Object.getPrototypeOf(owner)) {
          const compute = Object.hasOwn(owner, key) ? pending.get(owner)?.get(key) : undefined;
          if (compute) return settle(owner, key, compute());
        }
        return undefined;
      },
      set(this: object, value: unknown) {
        settle(this, key, value);
      },
      enumerable: true,
      configurable: true,
    };
    accessors.set(key, accessor);
  }
  return accessor;
}

function settle(object: object, key: PropertyKey, value: unknown): unknown {
  pending.get(object)?.delete(key);
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  return value;
}
