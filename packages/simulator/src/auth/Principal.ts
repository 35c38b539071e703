/** A context or subject identifier as KSeF writes it: `{type: 'Nip', value: '5265877635'}`. */
export interface Identifier {
  readonly type: string;
  readonly value: string;
}

/** Who is calling, taken from a verified Bearer token. */
export interface Principal {
  readonly kind: 'operation' | 'refresh' | 'access';
  /** Reference number of the authentication operation the token belongs to. */
  readonly authReference: string;
  readonly context?: Identifier;
  readonly subject?: Identifier;
  readonly permissions: readonly string[];
}
