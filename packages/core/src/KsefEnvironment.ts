/** A KSeF environment by name: TEST (TE), DEMO (pre-production) or production. */
export type KsefEnvironmentName = 'test' | 'demo' | 'prod';

/**
 * API base URLs of the Ministry's environments (ksef-api.md §1, `srodowiska.md`). Configurable:
 * every client also takes a plain base URL (our simulator, a proxy).
 */
export const ksefEnvironmentUrls: Readonly<Record<KsefEnvironmentName, string>> = {
  test: 'https://api-test.ksef.mf.gov.pl/v2',
  demo: 'https://api-demo.ksef.mf.gov.pl/v2',
  prod: 'https://api.ksef.mf.gov.pl/v2',
};

/** Parses an `--env` value; returns undefined for anything else. */
export function parseKsefEnvironmentName(value: string): KsefEnvironmentName | undefined {
  return value === 'test' || value === 'demo' || value === 'prod' ? value : undefined;
}
