import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './ApiError.js';
import { errorResult } from './errorResult.js';
import type { Layer } from './Layer.js';
import type { Route } from './Route.js';
import type { RouteContext } from './RouteContext.js';
import type { RouteResult } from './RouteResult.js';
import type { RouteTable } from './RouteTable.js';

/** Largest request body read into memory: a 100 MB batch part after encryption, plus slack. */
const maxBodyBytes = 110_000_000;

/** What the dispatcher needs besides the routes. */
export interface DispatcherOptions {
  readonly now: () => Date;
  readonly traceId: () => string;
  /** Diagnostics (never secrets). */
  readonly log: (line: string) => void;
}

/** Runs every request through the route table and the layers, and writes the answer. */
export class Dispatcher {
  constructor(
    private readonly table: RouteTable,
    private readonly layers: readonly Layer[],
    private readonly options: DispatcherOptions,
  ) {}

  /** The `node:http` request listener. */
  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    this.handle(req, res).catch((error: unknown) => {
      this.options.log(`simulator: failed to answer ${req.method ?? '?'} ${req.url ?? '?'}: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const problemDetails = (req.headers['x-error-format'] ?? '').toString().toLowerCase() === 'problem-details';
    const body = await readBody(req);
    const match = this.table.match(req.method ?? 'GET', url.pathname);
    let result: RouteResult;
    if (match === undefined || match === 'method-not-allowed') {
      const status = match === undefined ? 404 : 405;
      result = { status, raw: { bytes: Buffer.from(JSON.stringify({ title: status === 404 ? 'Not Found' : 'Method Not Allowed', status, instance: url.pathname })), contentType: 'application/problem+json' } };
    } else {
      const ctx: RouteContext = {
        method: req.method ?? 'GET',
        path: url.pathname,
        params: match.params,
        query: url.searchParams,
        headers: req.headers,
        body,
        clientIp: normaliseIp(req.socket.remoteAddress ?? '127.0.0.1'),
        origin: `http://${req.headers.host ?? 'localhost'}`,
      };
      result = await this.run(ctx, match.route, problemDetails);
    }
    if (result.dropConnection === true) {
      // "Lost response": the request was processed, the client sees a reset connection.
      req.socket.destroy();
      return;
    }
    write(res, result);
  }

  private async run(ctx: RouteContext, route: Route, problemDetails: boolean): Promise<RouteResult> {
    const chain = this.layers.reduceRight<() => Promise<RouteResult>>(
      (next, layer) => () => layer(ctx, route, next),
      async () => route.handle(ctx),
    );
    try {
      return await chain();
    } catch (error) {
      if (error instanceof ApiError) return errorResult(error, ctx.path, this.options.now(), this.options.traceId(), problemDetails);
      this.options.log(`simulator: ${route.method} ${route.path} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return errorResult(new ApiError(500, [], 'Nieznany błąd.'), ctx.path, this.options.now(), this.options.traceId(), true);
    }
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBodyBytes) throw new Error(`request body larger than ${maxBodyBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function write(res: ServerResponse, result: RouteResult): void {
  const headers: Record<string, string> = { ...(result.headers ?? {}) };
  let bytes: Buffer | undefined;
  if (result.raw !== undefined) {
    bytes = result.raw.bytes;
    headers['content-type'] = result.raw.contentType;
  } else if (result.body !== undefined) {
    bytes = Buffer.from(JSON.stringify(result.body));
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  if (bytes !== undefined) headers['content-length'] = String(bytes.length);
  res.writeHead(result.status, headers);
  res.end(bytes);
}

function normaliseIp(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
