/** The figures `npm run bench` reports and the targets of issue 2, judged honestly. */
export interface BenchFigures {
  coreEventsPerSecond: number;
  jsonParseEventsPerSecond: number;
  ajvBaselineEventsPerSecond: number;
  batch10kPeakRssMiB: number;
}

export interface TargetVerdict {
  target: string;
  measured: string;
  met: boolean;
}

export const TARGETS = {
  coreShareOfFloor: 0.5,
  coreEventsPerSecond: 150_000,
  coreOverAjv: 2,
  batch10kPeakRssMiB: 128,
} as const;

const round = (n: number, digits = 2): string => n.toFixed(digits);
const thousands = (n: number): string => Math.round(n).toLocaleString("en-US");

export function judge(figures: BenchFigures): TargetVerdict[] {
  const shareOfFloor = figures.coreEventsPerSecond / figures.jsonParseEventsPerSecond;
  const overAjv = figures.coreEventsPerSecond / figures.ajvBaselineEventsPerSecond;
  return [
    { target: `core ≥ ${TARGETS.coreShareOfFloor * 100}% of the JSON.parse floor`, measured: `${round(shareOfFloor * 100, 1)}%`, met: shareOfFloor >= TARGETS.coreShareOfFloor },
    { target: `core ≥ ${thousands(TARGETS.coreEventsPerSecond)} events/s`, measured: `${thousands(figures.coreEventsPerSecond)} events/s`, met: figures.coreEventsPerSecond >= TARGETS.coreEventsPerSecond },
    { target: `core ≥ ${TARGETS.coreOverAjv}× the Ajv baseline`, measured: `${round(overAjv)}×`, met: overAjv >= TARGETS.coreOverAjv },
    { target: `10,000-record batch < ${TARGETS.batch10kPeakRssMiB} MiB peak RSS`, measured: `${round(figures.batch10kPeakRssMiB, 1)} MiB`, met: figures.batch10kPeakRssMiB < TARGETS.batch10kPeakRssMiB },
  ];
}
