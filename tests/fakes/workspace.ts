import type { FakeSlack } from './slack.ts';

// The people and channels the tests and the demo start with.
export function seedWorkspace(slack: FakeSlack) {
  slack.addUser({ id: 'U0ALICE01', name: 'alice', email: 'alice@example.com', tz: 'Europe/Berlin' });
  slack.addUser({ id: 'U0BOB0001', name: 'bob', email: 'bob@example.com', tz: 'America/New_York' });
  slack.addUser({ id: 'U0CAROL01', name: 'carol', email: 'carol@example.com', tz: 'Asia/Tokyo' });
  slack.addChannel({ id: 'C0GENERAL', name: 'general' });
  slack.addChannel({ id: 'C0INCIDNT', name: 'incidents' });
}
