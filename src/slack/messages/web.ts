// What `/incident web` answers, privately.
export const signInText = (url: string) =>
  `<${url}|Open the incidents on the web> (just for you: the link works once, within 15 minutes; the session lasts 12 hours).`;

export const signedOutText = (count: number) =>
  count
    ? `Signed out: ${count} web session${count === 1 ? '' : 's'} ended.`
    : 'You had no web session open; nothing to sign out.';
