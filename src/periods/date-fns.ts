/**
 * date-fns, loaded on first use. Its ESM index loads all of its ~250
 * functions (about 20 MB resident); the batch scorer never needs dates
 * beyond checking a `YYYY-MM-DD`, so the few functions used here are
 * required one by one, lazily.
 */
import { createRequire } from 'node:module';

interface DateFns {
  readonly format: typeof import('date-fns/format').format;
  readonly parse: typeof import('date-fns/parse').parse;
  readonly isValid: typeof import('date-fns/isValid').isValid;
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
    parse: (req('date-fns/parse') as typeof import('date-fns/parse')).parse,
    isValid: (req('date-fns/isValid') as typeof import('date-fns/isValid')).isValid,
    addDays: (req('date-fns/addDays') as typeof import('date-fns/addDays')).addDays,
    getISOWeeksInYear: (req('date-fns/getISOWeeksInYear') as typeof import('date-fns/getISOWeeksInYear')).getISOWeeksInYear,
  };
  return loaded;
}
