declare const brand: unique symbol;

/**
 * A value of type `T` that has passed a named parser, e.g. `Brand<string, 'Nip'>`. The brand exists
 * only at compile time, so a plain string cannot be passed where a parsed identifier is expected.
 */
export type Brand<T, Name extends string> = T & { readonly [brand]: Name };
