export { freePort } from './free-port.js';
export {
  type OutputWatch,
  PROCESS_START_MS,
  scaledMs,
  testTimeouts,
  timeoutScale,
  waitForOutput,
  waitUntilReady,
  watchOutput,
} from './readiness.js';
export { specPath } from './spec-path.js';
export { type PrismOptions, prismArgs, prismBin, type RunningPrism, startPrism } from './start-prism.js';
