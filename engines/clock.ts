/** Engines read the time through a clock so tests can pin "now"; production uses the system clock. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
