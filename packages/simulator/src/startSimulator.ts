import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authLayer } from './auth/authLayer.js';
import { JwtCodec } from './auth/JwtCodec.js';
import { sampleNip } from './control/sampleNip.js';
import { SimulatorControl } from './control/SimulatorControl.js';
import { DuplicateRegistry, InvoiceInspector, UpoBuilder } from './domain/index.js';
import { ContinuationTokens } from './paging/ContinuationTokens.js';
import { KsefNumberFactory } from './domain/ids/KsefNumberFactory.js';
import { ReferenceNumberFactory } from './domain/ids/ReferenceNumberFactory.js';
import { SimulatorKeyRing } from './domain/keys/SimulatorKeyRing.js';
import { RateLimiter } from './domain/limits/RateLimiter.js';
import { rateLimitProfile, type RateLimitProfileName } from './domain/limits/rateLimitProfiles.js';
import { SimulatorClock } from './domain/SimulatorClock.js';
import { faultLayer } from './faults/faultLayer.js';
import { FaultPlan } from './faults/FaultPlan.js';
import { Dispatcher } from './http/Dispatcher.js';
import type { ServedRoute } from './http/Route.js';
import { RouteTable } from './http/RouteTable.js';
import { rateLimitLayer } from './limits/rateLimitLayer.js';
import { SecretsFile } from './persistence/SecretsFile.js';
import { StateFile } from './persistence/StateFile.js';
import { processingLayer } from './sessions/processingLayer.js';
import { PresignedUrls } from './storage/PresignedUrls.js';
import { controlRoutes } from './routes/control/controlRoutes.js';
import { routeModules } from './routes/routeModules.js';
import { defaultSimulatorConfig, type SimulatorConfig } from './SimulatorConfig.js';
import type { SimulatorServices } from './SimulatorServices.js';
import { emptyState } from './state/SimulatorState.js';

/** Options of {@link startSimulator}; all optional. */
export interface SimulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on; `127.0.0.1` by default. */
  readonly host?: string;
  /** The clock; a real-time clock by default. Pass `SimulatorClock.frozen()` in tests that move time. */
  readonly clock?: SimulatorClock;
  /** Rate-limit profile: `relaxed` (10× production, default), `prd`, or `off`. */
  readonly limits?: RateLimitProfileName;
  /** Seed for reference numbers, KSeF numbers and the sample NIP; random by default. */
  readonly seed?: string;
  /**
   * Folder for a JSON snapshot of the state and, owner-only (0600), the key ring and token secrets:
   * loaded at start and written on change and close, so a restart keeps sessions, tokens and `publicKeyId`s.
   */
  readonly dataDir?: string;
  /** Access-token lifetime in seconds (900 by default). */
  readonly accessTokenTtlSeconds?: number;
  /** Other tunables (reads and `stageDelayMs` per processing stage, poll counts, other lifetimes). */
  readonly config?: Partial<SimulatorConfig>;
  /** Where diagnostics go (never secrets); silent by default. */
  readonly log?: (line: string) => void;
}

/** A running simulator. */
export interface RunningSimulator {
  /** The API base URL, ending in `/v2` — what a KSeF client is pointed at. */
  readonly url: string;
  /** Base URL of the simulator-only HTTP control API (`…/_simulator`). */
  readonly controlUrl: string;
  /** The same levers in-process. */
  readonly control: SimulatorControl;
  /**
   * Every route it serves (method + path template): the documented API under `/v2`, the pre-signed
   * storage URLs under `/storage` and the control API under `/_simulator`. The conformance test tours them all.
   */
  readonly routes: readonly ServedRoute[];
  /** A checksum-valid sample NIP and an active KSeF token for it (all token permissions). */
  readonly sample: { readonly nip: string; readonly token: string };
  /** Stops listening, writes the final snapshot and frees resources. */
  close(): Promise<void>;
}

/** Starts a KSeF 2.0 simulator over plain `node:http`. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const log = options.log ?? (() => undefined);
  const stateFile = options.dataDir === undefined ? undefined : new StateFile(options.dataDir);
  const secretsFile = options.dataDir === undefined ? undefined : new SecretsFile(options.dataDir);
  const snapshot = stateFile?.load();
  const secrets = secretsFile?.load();
  const generation = (snapshot?.generation ?? 0) + 1;
  const baseSeed = options.seed ?? randomBytes(16).toString('hex');
  // A restart continues the id sequence under a new generation, so it never re-issues a number.
  const idSeed = generation === 1 ? baseSeed : `${baseSeed}:generation-${generation}`;
  const clock = options.clock ?? SimulatorClock.system();
  const config: SimulatorConfig = {
    ...defaultSimulatorConfig,
    ...options.config,
    ...(options.accessTokenTtlSeconds === undefined ? {} : { accessTokenTtlSeconds: options.accessTokenTtlSeconds }),
  };
  const { stageDelayMs } = config;
  if (stageDelayMs !== null && !(Number.isFinite(stageDelayMs) && stageDelayMs >= 0)) {
    throw new RangeError(`stageDelayMs must be a number of milliseconds ≥ 0, or null for read-driven stages only; got ${stageDelayMs}`);
  }
  const duplicates = new DuplicateRegistry();
  for (const [key, original] of snapshot?.duplicates ?? []) duplicates.claim(key, original);
  const state = snapshot?.state ?? emptyState();
  // With a dataDir the keys are the folder's own (not the process-wide test pool) and outlive restarts.
  const keyRingOptions = { reuseKeys: secretsFile === undefined };
  const keys = secrets === undefined ? await SimulatorKeyRing.create(clock, keyRingOptions) : SimulatorKeyRing.restore(clock, secrets.keys, keyRingOptions);
  const secret = (saved: string | undefined): Buffer => (saved === undefined ? randomBytes(32) : Buffer.from(saved, 'base64'));
  const jwtSecret = secret(secrets?.jwtSecret);
  const presignedUrlSecret = secret(secrets?.presignedUrlSecret);
  const continuationSecret = secret(secrets?.continuationSecret);
  const saveSecrets = (): void => secretsFile?.save({
    version: 1,
    keys: keys.saved(),
    jwtSecret: jwtSecret.toString('base64'),
    presignedUrlSecret: presignedUrlSecret.toString('base64'),
    continuationSecret: continuationSecret.toString('base64'),
  });
  saveSecrets();

  let pendingSave: NodeJS.Immediate | undefined;
  let closed = false;
  const save = (): void => {
    if (pendingSave !== undefined) clearImmediate(pendingSave);
    pendingSave = undefined;
    stateFile?.save({ version: 1, generation, state, duplicates: duplicates.entries() });
    saveSecrets();
  };
  const services: SimulatorServices = {
    clock,
    config,
    state,
    references: new ReferenceNumberFactory(clock, idSeed),
    ksefNumbers: new KsefNumberFactory(idSeed),
    keys,
    jwt: new JwtCodec(jwtSecret),
    presigned: new PresignedUrls(presignedUrlSecret),
    duplicates,
    limiter: new RateLimiter(clock, rateLimitProfile(options.limits ?? 'relaxed')),
    faults: new FaultPlan(),
    inspector: new InvoiceInspector({ clock, duplicates }),
    upo: new UpoBuilder(),
    continuation: new ContinuationTokens(continuationSecret),
    changed: () => {
      // After close the final snapshot is written; nothing may touch the folder any more.
      if (stateFile === undefined || pendingSave !== undefined || closed) return;
      pendingSave = setImmediate(save);
    },
  };
  const control = new SimulatorControl(services);
  const nip = sampleNip(baseSeed);
  const { token } = control.createKsefToken({ nip, description: 'Token przykładowy symulatora' });

  const table = new RouteTable([...routeModules.flatMap((module) => module(services)), ...controlRoutes(control)]);
  let trace = 0;
  const dispatcher = new Dispatcher(table, [processingLayer(services), faultLayer(services.faults), authLayer(services), rateLimitLayer(services.limiter)], {
    now: () => clock.now(),
    traceId: () => (++trace).toString(16).padStart(32, '0'),
    log,
  });
  const server = createServer(dispatcher.listener);
  await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${host}:${address.port}`;
  log(`KSeF simulator listening on ${origin}/v2`);
  return {
    url: `${origin}/v2`,
    controlUrl: `${origin}/_simulator`,
    control,
    routes: table.routes.map(({ method, path, auth }) => ({ method, path, auth })),
    sample: { nip, token },
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      });
      closed = true;
      if (stateFile !== undefined) save();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
