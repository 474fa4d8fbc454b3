// Who may do what (config `policy`): each entry lists roles (commander, comms, scribe), Slack user
// ids, emails, or `anyone`. An action with no entry is open to everyone.
export type Actor = { id: string; email: string | null };

export function isAllowed(
  principals: readonly string[] | undefined,
  actor: Actor,
  rolesHeld: readonly string[],
): boolean {
  if (!principals) return true;
  const email = actor.email?.toLowerCase();
  return principals.some(
    (p) => p === 'anyone' || p === actor.id || rolesHeld.includes(p) || (!!email && p.toLowerCase() === email),
  );
}

export const policyNamesEmails = (principals: readonly string[] | undefined) =>
  !!principals?.some((p) => p.includes('@'));

export function describePrincipals(principals: readonly string[]): string {
  return principals.map((p) => (/^[UW][A-Z0-9]+$/.test(p) ? `<@${p}>` : p.includes('@') ? p : `the ${p}`)).join(' or ');
}

const ROLES = new Set(['commander', 'comms', 'scribe']);

// Outside any incident (maintenance, subscribers) nobody holds a role: the people named by id or
// email may; when the entry names only roles, any member of the workspace who is not a guest may.
export function isAllowedOutsideIncidents(
  principals: readonly string[] | undefined,
  actor: Actor,
  isGuest: boolean,
): boolean {
  if (isAllowed(principals, actor, [])) return true;
  return !!principals && principals.every((p) => ROLES.has(p)) && !isGuest;
}

export function describePrincipalsOutsideIncidents(principals: readonly string[]): string {
  const people = principals.filter((p) => !ROLES.has(p));
  return people.length ? describePrincipals(people) : 'members of the workspace who are not guests';
}
