// Builds a value (a zod schema) the first time anything reads it, not when its module loads. The
// schemas of every request, setting, group and saved record took ~20 ms of each `ferry` command's
// start (a zod schema is dozens of objects and closures), while a `ferry get` uses a few of them.

/** Stands for what `build` returns, and calls it once, on the first property read (or `in`, or prototype check). */
export function onFirstUse<T extends object>(build: () => T): T {
  let value: T | undefined;
  const built = (): T => (value ??= build());
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(built(), key),
    set: (_target, key, v) => Reflect.set(built(), key, v),
    has: (_target, key) => Reflect.has(built(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(built()),
    ownKeys: () => Reflect.ownKeys(built()),
    // Said configurable: a proxy may not report a fixed property its (empty) stand-in lacks.
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(built(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}
