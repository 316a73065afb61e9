/**
 * String references to workflows and states, resolved afresh on every call (pyswark's
 * `python://` refs). Schemes are registered by whoever can serve them: the applications
 * (`app://`), the workspace (`workspace://`), the CLI (files).
 */
export type Resolver = (ref: string) => unknown;

export class ReferenceError extends Error {
  constructor(
    readonly ref: string,
    detail: string,
  ) {
    super(`cannot resolve reference "${ref}": ${detail}`);
    this.name = 'ReferenceError';
  }
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

export class References {
  private readonly schemes = new Map<string, Resolver>();

  register(scheme: string, resolver: Resolver): void {
    this.schemes.set(scheme.toLowerCase(), resolver);
  }

  unregister(scheme: string): void {
    this.schemes.delete(scheme.toLowerCase());
  }

  has(scheme: string): boolean {
    return this.schemes.has(scheme.toLowerCase());
  }

  /** Resolves `ref` with the resolver of its scheme; every call gives a fresh instance. */
  resolve = async (ref: string): Promise<unknown> => {
    const match = SCHEME.exec(ref);
    if (!match) throw new ReferenceError(ref, 'a reference looks like <scheme>://<path>, e.g. app://arithmetic/workflows/xyk');
    const scheme = (match[1] as string).toLowerCase();
    const resolver = this.schemes.get(scheme);
    if (!resolver) {
      const known = [...this.schemes.keys()].map((s) => `${s}://`).join(', ') || 'none';
      throw new ReferenceError(ref, `no resolver for scheme "${scheme}://" (known: ${known})`);
    }
    const value = await resolver(ref);
    if (value === undefined || value === null) throw new ReferenceError(ref, 'nothing is there');
    return value;
  };
}

/** The default references, used by Runner when it is given no resolver. */
export const references = new References();
