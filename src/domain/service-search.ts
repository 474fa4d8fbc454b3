// Slack shows at most 100 options in a menu, static or loaded from the bot.
export const MENU_OPTIONS_MAX = 100;

export type OfferedService = { id: string; name?: string };

// Services whose id or name contains what was typed (any case), those that start with it first,
// then in catalog order; at most `limit`. An empty query lists the first `limit`.
export function matchServices(services: readonly OfferedService[], query: string, limit: number): OfferedService[] {
  const typed = query.trim().toLowerCase();
  if (!typed) return services.slice(0, limit);
  const starts: OfferedService[] = [];
  const contains: OfferedService[] = [];
  for (const service of services) {
    const id = service.id.toLowerCase();
    const name = service.name?.toLowerCase() ?? '';
    if (id.startsWith(typed) || name.startsWith(typed)) starts.push(service);
    else if (id.includes(typed) || name.includes(typed)) contains.push(service);
  }
  return [...starts, ...contains].slice(0, limit);
}
