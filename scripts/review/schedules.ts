/** How often an EventBridge / Glue schedule expression fires per month (for scheduled jobs and functions). */
import { DAYS_PER_MONTH, HOURS_PER_MONTH } from "./traffic";

const UNIT_MINUTES: Record<string, number> = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 };

/**
 * `rate(15 minutes)` → 730 × 4 = 2,920; `cron(m h * * ? *)` → runs per day from the minute/hour
 * fields (lists, ranges and `*` / step values) × 30.42 days. Undefined when the expression cannot be read.
 */
export function runsPerMonth(expression: string): number | undefined {
  const rate = /^rate\((\d+)\s+(minutes?|hours?|days?)\)$/.exec(expression.trim());
  if (rate) return (HOURS_PER_MONTH * 60) / (Number(rate[1]) * UNIT_MINUTES[rate[2]]);
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (!cron) return undefined;
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length !== 6) return undefined;
  const [minutes, hours, dayOfMonth, , dayOfWeek] = fields;
  const perDay = (count(minutes, 60) ?? NaN) * (count(hours, 24) ?? NaN);
  if (!Number.isFinite(perDay)) return undefined;
  // A day-of-month or day-of-week restriction means "some days": count a single day per month.
  const everyDay = (dayOfMonth === "*" || dayOfMonth === "?") && (dayOfWeek === "*" || dayOfWeek === "?");
  return everyDay ? perDay * DAYS_PER_MONTH : perDay;
}

/** Values a cron field matches within `size` slots (`*`, `*\/n`, `a-b`, `a,b,c`, `n`). */
function count(field: string, size: number): number | undefined {
  let total = 0;
  for (const part of field.split(",")) {
    const step = /^(\*|\d+-\d+|\d+)\/(\d+)$/.exec(part);
    if (part === "*") total += size;
    else if (step) {
      const [from, to] = step[1] === "*" ? [0, size - 1] : step[1].includes("-") ? step[1].split("-").map(Number) : [Number(step[1]), size - 1];
      total += Math.floor((to - from) / Number(step[2])) + 1;
    } else if (/^\d+-\d+$/.test(part)) {
      const [from, to] = part.split("-").map(Number);
      total += to - from + 1;
    } else if (/^\d+$/.test(part)) total += 1;
    else return undefined;
  }
  return total;
}
