/**
 * Throughput measurement: each contender runs over the same records once per round, rounds are
 * interleaved (so machine noise hits all contenders alike), and the median round is reported.
 * Time is the process's CPU time (user + system, all threads incl. GC), not wall time: events/s per
 * core, unaffected by other processes competing for the machine's cores.
 */
export interface Contender {
  name: string;
  /** Processes every record once. */
  runOnce: () => void;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Events per second per contender (median over `rounds` after `warmupRounds`). */
export function measureThroughput(contenders: Contender[], recordCount: number, rounds: number, warmupRounds: number): Map<string, number> {
  const rates = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < warmupRounds + rounds; round++) {
    for (const contender of contenders) {
      const start = process.cpuUsage();
      contender.runOnce();
      const used = process.cpuUsage(start);
      const seconds = (used.user + used.system) / 1e6;
      if (round >= warmupRounds) rates.get(contender.name)?.push(recordCount / seconds);
    }
  }
  return new Map([...rates].map(([name, values]) => [name, median(values)]));
}
