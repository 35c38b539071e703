import type { ApiSchema } from '@ksef-connect/spec';
import { defaultRateLimitBudgets, type RateLimitBudget, type RateLimitGroup } from './RateLimitGroup.js';
import type { RateLimiter } from './RateLimiter.js';
import type { SystemWarning } from './SystemWarning.js';

/** What {@link EffectiveRateLimits} needs from the client. */
export interface EffectiveRateLimitsOptions {
  /** Reads `GET /rate-limits` (open-api.json `EffectiveApiRateLimits`). */
  readonly read: () => Promise<ApiSchema<'EffectiveApiRateLimits'>>;
  /** The current authentication's reference; a new value means a new login, so the limits are read again. */
  readonly authentication: () => string | undefined;
  readonly limiter: RateLimiter;
  /** The caller's own budgets, applied on top of whatever KSeF reports. */
  readonly overrides: Readonly<Partial<Record<RateLimitGroup, RateLimitBudget>>>;
  readonly onWarning: (warning: SystemWarning) => void;
}

const windowFields = ['perSecond', 'perMinute', 'perHour'] as const;

/**
 * Budgets the client-side limiter by the limits KSeF says are in force for this context (`GET
 * /rate-limits`, `limity/limity-api.md`: they differ per environment — TE runs at 10× production —
 * and per context, and KSeF may raise or lower them), read once per authentication. Until they are
 * read, and when they cannot be, the documented production table applies.
 */
export class EffectiveRateLimits {
  #readFor: { readonly authentication: string | undefined } | undefined;
  #flight: Promise<void> | undefined;

  constructor(private readonly options: EffectiveRateLimitsOptions) {}

  /** Makes sure the limiter's budgets come from this authentication's reading (reads at most once per login). */
  async ensureCurrent(): Promise<void> {
    const authentication = this.options.authentication();
    if (this.#readFor !== undefined && this.#readFor.authentication === authentication) return;
    this.#flight ??= this.#load(authentication).finally(() => {
      this.#flight = undefined;
    });
    await this.#flight;
  }

  async #load(authentication: string | undefined): Promise<void> {
    let budgets: Partial<Record<RateLimitGroup, RateLimitBudget>> = defaultRateLimitBudgets;
    try {
      budgets = { ...defaultRateLimitBudgets, ...budgetsOf(await this.options.read()) };
    } catch (error) {
      // Not worth failing a send over: the production table is the safe side (TE and DEMO are not stricter).
      const reason = error instanceof Error ? error.message : String(error);
      this.options.onWarning({
        operation: 'limits.rate',
        code: '',
        message: `could not read the effective rate limits (${reason}); pacing requests by KSeF's documented production limits.`,
      });
    }
    this.options.limiter.useBudgets({ ...budgets, ...this.options.overrides });
    this.#readFor = { authentication };
  }
}

/** The groups of a `GET /rate-limits` body whose three values are usable; anything else keeps the table's values. */
function budgetsOf(limits: ApiSchema<'EffectiveApiRateLimits'>): Partial<Record<RateLimitGroup, RateLimitBudget>> {
  const budgets: Partial<Record<RateLimitGroup, RateLimitBudget>> = {};
  for (const [group, values] of Object.entries(limits) as [keyof typeof limits, unknown][]) {
    if (!(group in defaultRateLimitBudgets) || typeof values !== 'object' || values === null) continue;
    const record = values as Record<string, unknown>;
    if (!windowFields.every((field) => Number.isInteger(record[field]) && (record[field] as number) > 0)) continue;
    budgets[group] = { perSecond: record.perSecond as number, perMinute: record.perMinute as number, perHour: record.perHour as number };
  }
  return budgets;
}
