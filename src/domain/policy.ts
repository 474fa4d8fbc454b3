// Who may do what (config `policy`): each entry lists roles (commander, comms, scribe), Slack user
// ids, or `anyone`. An action with no entry is open to everyone.
export function isAllowed(principals: readonly string[] | undefined, actorId: string, rolesHeld: readonly string[]): boolean {
  if (!principals) return true;
  return principals.some((p) => p === 'anyone' || p === actorId || rolesHeld.includes(p));
}

export function describePrincipals(principals: readonly string[]): string {
  return principals.map((p) => (/^[UW][A-Z0-9]+$/.test(p) ? `<@${p}>` : `the ${p}`)).join(' or ');
}
