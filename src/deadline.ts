export const LATE = Symbol('late');

// Waits for `work`, but no longer than `ms`: LATE when the time ran out first. The work itself goes
// on; a rejection after that is still handled (Promise.race subscribed to it), never unhandled.
export async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
