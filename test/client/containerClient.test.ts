import 'reflect-metadata';
import { Container } from 'inversify';
import { KsefClient, nipContext, parseNip, type Clock, type KsefClientOptions } from '@ksef-connect/core';
import { coreModule, coreTokens } from '@ksef-connect/core/container';
import { startSimulator, type RunningSimulator } from '@ksef-connect/simulator';
import { simulatorClock } from './simulatorClock.js';

describe('KsefClient from the inversify container', () => {
  let simulator: RunningSimulator;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });

  afterAll(async () => {
    await simulator.close();
  });

  test('binding KsefClientOptions is enough; the container clock is used', async () => {
    const container = new Container();
    container.load(coreModule);
    const clock = simulatorClock(simulator);
    container.rebind<Clock>(coreTokens.Clock).toConstantValue(clock);
    container.bind<KsefClientOptions>(coreTokens.KsefClientOptions).toConstantValue({
      baseUrl: simulator.url,
      context: nipContext(parseNip(simulator.sample.nip)),
      credentials: { ksefToken: simulator.sample.token },
      onWarning: () => undefined,
    });
    const client = container.get<KsefClient>(coreTokens.KsefClient);
    expect(client).toBeInstanceOf(KsefClient);
    expect(container.get(coreTokens.KsefClient)).toBe(client);
    try {
      await client.authenticate();
      expect(client.auth.referenceNumber).toMatch(/-AU-/);
      // Auth status polling slept on the container's (simulator) clock, not in real time.
      expect(clock.slept.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });
});
