// Wall time of whole commands, measured side by side: rounds interleave the commands in a shuffled
// order so that machine noise falls on all of them alike; the median of each is reported.
import { spawnSync } from 'node:child_process';
import { median } from './median.mjs';
import { shuffled } from './shuffled.mjs';

/**
 * @param {{ name: string, command: string[], env?: Record<string,string> }[]} commands
 * @returns {Map<string, { medianMs: number, p90Ms: number, runs: number }>}
 */
export function measureCommands(commands, { rounds = 30, warmup = 3 } = {}) {
  const samples = new Map(commands.map((c) => [c.name, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (const c of shuffled(commands)) {
      const start = process.hrtime.bigint();
      const result = spawnSync(c.command[0], c.command.slice(1), {
        env: { ...process.env, ...c.env },
        stdio: 'ignore',
      });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.status !== 0) throw new Error(`${c.name} exited with ${result.status}`);
      if (round >= warmup) samples.get(c.name).push(ms);
    }
  }
  return new Map(
    [...samples].map(([name, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return [
        name,
        { medianMs: median(values), p90Ms: sorted[Math.floor(sorted.length * 0.9)], runs: values.length },
      ];
    }),
  );
}
