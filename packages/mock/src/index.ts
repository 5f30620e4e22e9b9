export { freePort } from './free-port.js';
export { specPath } from './spec-path.js';
export { type PrismOptions, prismArgs, prismBin, type RunningPrism, startPrism } from './start-prism.js';
