/**
 * The date-fns functions callqa uses, imported one module each. date-fns's
 * root index loads all of its ~250 functions (about 20 MB resident in Node);
 * importing the three subpath modules keeps a `callqa score` run lean, and being
 * static ES imports (not a `createRequire`), bundlers see them and tree-shake.
 */
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { getISOWeeksInYear } from 'date-fns/getISOWeeksInYear';

interface DateFns {
  readonly format: typeof format;
  readonly addDays: typeof addDays;
  readonly getISOWeeksInYear: typeof getISOWeeksInYear;
}

const DATE_FNS: DateFns = { format, addDays, getISOWeeksInYear };

/**
 * The date-fns functions callqa uses.
 *
 * @example
 * ```ts
 * dateFns().format(new Date(0), 'yyyy-MM-dd'); //=> '1970-01-01' (in the server's zone)
 * ```
 */
export function dateFns(): DateFns {
  return DATE_FNS;
}
