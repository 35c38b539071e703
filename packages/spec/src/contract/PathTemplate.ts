/** One `paths` key of open-api.json (e.g. `/sessions/{referenceNumber}/invoices`), matched against concrete URL paths. */
export class PathTemplate {
  private readonly segments: readonly string[];

  constructor(readonly template: string) {
    this.segments = splitPath(template);
  }

  /** Number of literal (non-`{param}`) segments; a literal match beats a parameter (`/invoices/failed` over `/invoices/{ref}`). */
  get literalSegments(): number {
    return this.segments.filter((segment) => !isParameter(segment)).length;
  }

  /** The path parameters if `concretePath` (already without `/v2` and query) fits this template, else `undefined`. */
  match(concretePath: string): Record<string, string> | undefined {
    const actual = splitPath(concretePath);
    if (actual.length !== this.segments.length) {
      return undefined;
    }
    const parameters: Record<string, string> = {};
    for (const [index, segment] of this.segments.entries()) {
      const value = actual[index] ?? '';
      if (isParameter(segment)) {
        if (value === '') {
          return undefined;
        }
        parameters[segment.slice(1, -1)] = decodeSegment(value);
      } else if (segment !== value) {
        return undefined;
      }
    }
    return parameters;
  }
}

/**
 * The path of a request as the spec's `paths` spell it: origin, query string and fragment removed,
 * and the `/v2` prefix dropped (open-api.json's server URL ends in `/v2`, its paths do not).
 */
export function toSpecPath(urlOrPath: string): string {
  let pathname = urlOrPath;
  if (/^https?:\/\//i.test(pathname)) {
    pathname = new URL(pathname).pathname;
  }
  pathname = pathname.replace(/[?#].*$/s, '');
  if (pathname === '/v2' || pathname.startsWith('/v2/')) {
    pathname = pathname.slice(3);
  }
  if (pathname.length > 1 && pathname.endsWith('/')) {
    pathname = pathname.slice(0, -1);
  }
  return pathname.startsWith('/') ? pathname : `/${pathname}`;
}

function splitPath(path: string): string[] {
  return path.split('/').slice(1);
}

function isParameter(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A malformed escape is left as sent; the parameter's schema will reject it if it matters.
    return value;
  }
}
