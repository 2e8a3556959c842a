type Missing<T, L extends readonly unknown[]> = Exclude<T, L[number]>;
type Repeated<L extends readonly unknown[]> = L extends readonly [infer Head, ...infer Rest] ? (Head extends Rest[number] ? Head : Repeated<Rest>) : never;
type Complete<T, L extends readonly unknown[]> = [Missing<T, L>] extends [never] ? ([Repeated<L>] extends [never] ? unknown : { repeated: Repeated<L> }) : { missing: Missing<T, L> };

/**
 * Every value of a server enum as a runtime list, in the order the dashboard shows them, proven
 * complete by the compiler: `enumValues<HostStatus>()(['online', 'pending'])` does not compile
 * (`missing: "unreachable"`), nor does an unknown or repeated value. So a value the server adds
 * breaks the build here instead of silently missing from a filter.
 */
export function enumValues<T extends string>() {
  return <const L extends readonly T[]>(values: L & Complete<T, L>): L => values;
}
