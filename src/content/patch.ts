/**
 * Replacing a page property with a wrapper, and putting the original back. A restore only
 * happens while the property still holds our wrapper: when the page has replaced it since (its own
 * fetch wrapper, a polyfill), the page's value stays, and our wrapper keeps passing calls through.
 */
export interface Patch {
  install(): void;
  restore(): void;
}

/** Replaces the data property `key` of `owner` with `wrap(original)`; no patch when the property is missing. */
export function patchValue<T extends object>(
  owner: object | undefined,
  key: string,
  wrap: (original: T) => T,
): Patch | null {
  const descriptor = owner ? Reflect.getOwnPropertyDescriptor(owner, key) : undefined;
  if (!owner || !descriptor || !('value' in descriptor) || typeof descriptor.value !== 'function') return null;
  const original = descriptor.value as T;
  const wrapper = wrap(original);
  return {
    install: () => {
      if (Reflect.getOwnPropertyDescriptor(owner, key)?.value === original)
        Reflect.defineProperty(owner, key, { ...descriptor, value: wrapper });
    },
    restore: () => {
      if (Reflect.getOwnPropertyDescriptor(owner, key)?.value === wrapper)
        Reflect.defineProperty(owner, key, descriptor);
    },
  };
}

/**
 * Defines own properties on `owner` (shadowing inherited ones) and removes them again on restore,
 * which brings the inherited ones back.
 */
export function shadow(owner: object | undefined, properties: Record<string, PropertyDescriptor>): Patch | null {
  if (!owner) return null;
  const keys = Object.keys(properties);
  return {
    install: () => {
      for (const key of keys)
        if (!Object.hasOwn(owner, key)) Reflect.defineProperty(owner, key, { configurable: true, ...properties[key] });
    },
    restore: () => {
      for (const key of keys) {
        const current = Reflect.getOwnPropertyDescriptor(owner, key);
        const ours = properties[key]!;
        if (current && current.value === ours.value && current.get === ours.get && current.set === ours.set)
          Reflect.deleteProperty(owner, key);
      }
    },
  };
}
