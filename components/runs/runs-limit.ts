/** How many recent runs the runs page shows. */
export const RUNS_SHOWN = 30;
