/**
 * date-fns, loaded on first use. Its ESM index loads all of its ~250
 * functions (about 20 MB resident); the batch scorer never needs dates
 * (a `YYYY-MM-DD` is checked in day-number.ts), so the three functions used are
 * required one by one, lazily.
 */
import { createRequire } from 'node:module';

interface DateFns {
  readonly format: typeof import('date-fns/format').format;
  readonly addDays: typeof import('date-fns/addDays').addDays;
  readonly getISOWeeksInYear: typeof import('date-fns/getISOWeeksInYear').getISOWeeksInYear;
}

let loaded: DateFns | undefined;

/**
 * The date-fns functions callqa uses.
 *
 * @example
 * ```ts
 * dateFns().format(new Date(0), 'yyyy-MM-dd'); //=> '1970-01-01' (in the server's zone)
 * ```
 */
export function dateFns(): DateFns {
  if (loaded) return loaded;
  const req = createRequire(import.meta.url);
  loaded = {
    format: (req('date-fns/format') as typeof import('date-fns/format')).format,
    addDays: (req('date-fns/addDays') as typeof import('date-fns/addDays')).addDays,
    getISOWeeksInYear: (req('date-fns/getISOWeeksInYear') as typeof import('date-fns/getISOWeeksInYear')).getISOWeeksInYear,
  };
  return loaded;
}
