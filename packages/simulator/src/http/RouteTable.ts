import type { Route } from './Route.js';

interface CompiledRoute {
  readonly route: Route;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  /** Literal routes win over templated ones (`/sessions/online` before `/sessions/{ref}`). */
  readonly literalSegments: number;
}

/** A route matched to a request path, with its path parameters. */
export interface RouteMatch {
  readonly route: Route;
  readonly params: Readonly<Record<string, string>>;
}

/** Finds the route for a method and path; the single table every request goes through. */
export class RouteTable {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map(compile).sort((a, b) => b.literalSegments - a.literalSegments);
  }

  /** The matching route, `'method-not-allowed'` if only the path matches, or undefined. */
  match(method: string, path: string): RouteMatch | 'method-not-allowed' | undefined {
    let pathMatched = false;
    for (const c of this.compiled) {
      const m = c.pattern.exec(path);
      if (m === null) continue;
      if (c.route.method !== method) {
        pathMatched = true;
        continue;
      }
      const params: Record<string, string> = {};
      c.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { route: c.route, params };
    }
    return pathMatched ? 'method-not-allowed' : undefined;
  }

  get routes(): readonly Route[] {
    return this.compiled.map((c) => c.route);
  }
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  let literalSegments = 0;
  const source = route.path
    .split('/')
    .map((segment) => {
      const name = /^\{([A-Za-z0-9_]+)\}$/.exec(segment)?.[1];
      if (name !== undefined) {
        names.push(name);
        return '([^/]+)';
      }
      literalSegments += 1;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), names, literalSegments };
}
