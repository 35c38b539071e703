import type { Adapter } from './Adapter.js';

/** The adapters a program knows, by name. Third-party adapters are added with `register`. */
export class AdapterRegistry {
  readonly #byName = new Map<string, Adapter>();

  constructor(adapters: Iterable<Adapter> = []) {
    for (const adapter of adapters) this.register(adapter);
  }

  /** Adds an adapter; a second adapter with the same name is a programming error. */
  register(adapter: Adapter): this {
    if (this.#byName.has(adapter.name)) throw new Error(`An adapter named "${adapter.name}" is already registered.`);
    this.#byName.set(adapter.name, adapter);
    return this;
  }

  /** The adapter called `name`, or undefined. */
  get(name: string): Adapter | undefined {
    return this.#byName.get(name);
  }

  /** All adapters, in registration order. */
  list(): readonly Adapter[] {
    return [...this.#byName.values()];
  }
}
