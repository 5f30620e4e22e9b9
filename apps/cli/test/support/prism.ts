// The Prism mock of the spec (`pnpm mock`) around the tests of the describe block that calls it.
import { type RunningPrism, startPrism } from '@tenantctl/mock';
import { afterAll, beforeAll } from 'vitest';

export function usePrism(): Pick<RunningPrism, 'url' | 'output'> {
  let prism: RunningPrism | undefined;
  beforeAll(async () => {
    prism = await startPrism();
  });
  afterAll(() => prism?.stop());
  const running = () => {
    if (!prism) throw new Error('Prism is not running yet');
    return prism;
  };
  return {
    get url() {
      return running().url;
    },
    output: () => running().output(),
  };
}
