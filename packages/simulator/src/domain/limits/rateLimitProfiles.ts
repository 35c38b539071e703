import { effectiveRateLimitGroups, operationRateLimits, type RateLimitGroup, type RateLimitValues } from './operationRateLimits.js';

/** The names `--limits` accepts. */
export type RateLimitProfileName = 'prd' | 'relaxed' | 'off';

/** Limits in force per group; `undefined` for a group means it is not limited. */
export interface RateLimitProfile {
  readonly name: RateLimitProfileName;
  limitsFor(group: RateLimitGroup): RateLimitValues | undefined;
}

function productionValues(group: RateLimitGroup): RateLimitValues {
  const op = operationRateLimits.find((o) => o.group === group);
  if (!op) throw new Error(`open-api.json names no operation in rate-limit group ${group}`);
  return op.limits;
}

const production = new Map<RateLimitGroup, RateLimitValues>(
  [...effectiveRateLimitGroups, 'public' as const].map((group) => [group, productionValues(group)]),
);

function scaled(values: RateLimitValues, factor: number): RateLimitValues {
  return {
    perSecond: values.perSecond * factor,
    ...(values.perMinute === undefined ? {} : { perMinute: values.perMinute * factor }),
    ...(values.perHour === undefined ? {} : { perHour: values.perHour * factor }),
  };
}

/**
 * `prd`: the production values of ksef-api.md §10.2 (read from open-api.json); `relaxed`: ten times
 * those, the default so real-time demos and test runs do not stall (TE used to run at 10× PRD);
 * `off`: no limits.
 */
export function rateLimitProfile(name: RateLimitProfileName): RateLimitProfile {
  return {
    name,
    limitsFor(group) {
      if (name === 'off') return undefined;
      const values = production.get(group);
      if (!values) return undefined;
      return name === 'prd' ? values : scaled(values, 10);
    },
  };
}

/** The body of `GET /rate-limits` (open-api.json `EffectiveApiRateLimits`) for `profile`. */
export function effectiveApiRateLimits(profile: RateLimitProfile): Record<(typeof effectiveRateLimitGroups)[number], { perSecond: number; perMinute: number; perHour: number }> {
  // With limits off, report the largest int32 so clients that read the numbers never throttle themselves.
  const unlimited = 2_147_483_647;
  const entries = effectiveRateLimitGroups.map((group) => {
    const v = profile.limitsFor(group);
    return [group, { perSecond: v?.perSecond ?? unlimited, perMinute: v?.perMinute ?? unlimited, perHour: v?.perHour ?? unlimited }] as const;
  });
  return Object.fromEntries(entries) as Record<(typeof effectiveRateLimitGroups)[number], { perSecond: number; perMinute: number; perHour: number }>;
}
