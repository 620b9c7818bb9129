/** Makes `object[key]` a property computed the first time it is read, then held (or set). */
export function whenRead<T extends object, K extends keyof T>(object: T, key: K, compute: () => T[K]): void {
  const settle = (value: T[K]) => {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(object, key, { get: () => settle(compute()), set: settle, enumerable: true, configurable: true });
}
